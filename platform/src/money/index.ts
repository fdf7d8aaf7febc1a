export * from '../../../subgraphs/policy/src/money/index.ts';
