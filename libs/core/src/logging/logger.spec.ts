import { serializeError } from './logger';

describe('serializeError', () => {
  it('drops the message of an arbitrary error, which may quote values', () => {
    const serialized = serializeError(new Error('duplicate key (nik)=(5301999988887777)'));
    expect(JSON.stringify(serialized)).not.toContain('5301999988887777');
    expect(serialized.type).toBe('Error');
    expect(serialized.stack).toMatch(/^\s*at /);
  });

  it('keeps the message of an error marked log-safe', () => {
    const error = Object.assign(new Error('DATABASE_URL is required'), { logSafe: true as const });
    expect(serializeError(error).message).toBe('DATABASE_URL is required');
  });

  it('keeps the code and address of a system error', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
      port: 5432,
    });
    expect(serializeError(error)).toMatchObject({
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
      port: '5432',
    });
  });
});
