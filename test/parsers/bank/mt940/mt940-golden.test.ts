/** MT940 golden files: fixtures/bank/{mt940,mt942}, each with its .expected.json (see support/bank-golden.ts). */
import { bankGoldenSuite } from '../support/bank-golden.js';

bankGoldenSuite('MT940 golden files', ['mt940','mt942'], 4);
