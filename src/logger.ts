/** Structured JSON logs (pino). One logger per process; requests get child loggers with their id. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'cyber-diplomacy-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: ['req.headers.authorization', 'headers.authorization', '*.password'],
  });
}
