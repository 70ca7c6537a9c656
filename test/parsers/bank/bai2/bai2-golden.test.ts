/** BAI2 golden files: fixtures/bank/{bai2}, each with its .expected.json (see support/bank-golden.ts). */
import { bankGoldenSuite } from '../support/bank-golden.js';

bankGoldenSuite('BAI2 golden files', ['bai2'], 2);
