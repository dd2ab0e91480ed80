import { REDACTED, redactDeep, redactUrl } from './redaction';

describe('redactDeep', () => {
  it('replaces identifying values at any depth and keeps coded ones', () => {
    const input = {
      body: {
        survivor: { name: 'Maria Kolo', nik: '5301234567890001', sex: 'female' },
        perpetrators: [{ phone: '0812' }],
      },
      status: 'open',
    };
    expect(redactDeep(input)).toEqual({
      body: { survivor: { name: REDACTED, nik: REDACTED, sex: 'female' }, perpetrators: [{ phone: REDACTED }] },
      status: 'open',
    });
  });

  it('does not modify its input', () => {
    const input = { narrative: 'x' };
    redactDeep(input);
    expect(input.narrative).toBe('x');
  });

  it('redacts the session and key material of a phone (SPEC §12)', () => {
    expect(redactDeep({ wrappingKey: 'w', refreshToken: 'r', deviceId: 'd' })).toEqual({
      wrappingKey: REDACTED,
      refreshToken: REDACTED,
      deviceId: 'd',
    });
  });

  it('matches keys case-insensitively', () => {
    expect(redactDeep({ Authorization: 'Bearer abc' })).toEqual({ Authorization: REDACTED });
  });
});

describe('redactUrl', () => {
  it('keeps query names and drops their values', () => {
    expect(redactUrl('/api/v1/cases?name=Maria&status=open&name=B')).toBe('/api/v1/cases?name=…&status=…');
  });

  it('leaves a URL without a query alone', () => {
    expect(redactUrl('/health/live')).toBe('/health/live');
  });
});
