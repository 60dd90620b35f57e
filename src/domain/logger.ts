/** The logging surface the code uses; pino's Logger satisfies it, and tests can pass a recorder. */
export interface LogFn {
  (bindings: Record<string, unknown>, message: string): void;
  (message: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
