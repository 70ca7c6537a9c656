/** camt golden files: fixtures/bank/{camt053,camt054}, each with its .expected.json (see support/bank-golden.ts). */
import { bankGoldenSuite } from '../support/bank-golden.js';

bankGoldenSuite('camt golden files', ['camt053','camt054'], 4);
