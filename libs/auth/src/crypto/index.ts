export * from './blind-index';
export * from './data-keys';
export * from './errors';
export * from './field-cipher';
export * from './master-keyring';
