import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { redactDeep, redactUrl } from './redaction';

interface SerializableRequest {
  id?: string;
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

interface SerializableReply {
  statusCode?: number;
}

/**
 * Marks an error whose message we wrote and know to carry no record values (configuration,
 * start-up, catalogue errors). Every other message stays out of the logs: driver and
 * application messages can quote the values that failed.
 */
export interface LogSafeError extends Error {
  readonly logSafe: true;
}

function isLogSafe(error: Error): error is LogSafeError {
  return (error as Partial<LogSafeError>).logSafe === true;
}

function stringField(error: Error, key: string): string | undefined {
  const value = (error as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Errors are logged by kind and location: type, code, constraint, stack frames, never a quoted value. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  return {
    type: error.name,
    code: stringField(error, 'code'),
    constraint: stringField(error, 'constraint'),
    table: stringField(error, 'table'),
    syscall: stringField(error, 'syscall'),
    address: stringField(error, 'address'),
    port: stringField(error, 'port'),
    message: isLogSafe(error) ? error.message : undefined,
    stack: error.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 8)
      .join('\n'),
  };
}

/** Objects with their own safe serializer (below) are left to it; everything else is redacted by key. */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err', 'error']);

function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, SERIALIZED_KEYS.has(key) ? value : redactDeep(value)]),
  );
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'pendamping' },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: redactLogObject,
    },
    serializers: {
      err: serializeError,
      error: serializeError,
      req: (req: SerializableRequest) => ({
        id: req.id,
        method: req.method,
        url: req.url ? redactUrl(req.url) : undefined,
        route: req.routeOptions?.url,
      }),
      res: (res: SerializableReply) => ({ statusCode: res.statusCode }),
    },
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
