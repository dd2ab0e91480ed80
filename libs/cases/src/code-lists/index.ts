export * from './age-groups';
export * from './case-codes';
export * from './code-list';
export * from './code-lists';
export * from './violence';
export * from './work-plan-codes';
