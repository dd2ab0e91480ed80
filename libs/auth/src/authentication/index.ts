export * from './password-hasher';
export * from './password-policy';
export * from './recovery-codes';
export * from './totp';
export * from './temporary-password';
