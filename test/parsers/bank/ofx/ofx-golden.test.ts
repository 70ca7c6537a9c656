/** OFX golden files: fixtures/bank/{ofx}, each with its .expected.json (see support/bank-golden.ts). */
import { bankGoldenSuite } from '../support/bank-golden.js';

bankGoldenSuite('OFX golden files', ['ofx'], 2);
