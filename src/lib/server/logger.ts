import pino from 'pino';

/** JSON logs. Credentials never reach them: the request log carries no headers or bodies, and
 * these paths are redacted wherever an object is logged whole. */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
	redact: {
		paths: [
			'password',
			'*.password',
			'token',
			'*.token',
			'cookie',
			'*.cookie',
			'headers.cookie',
			'*.headers.cookie',
			'*.headers["set-cookie"]'
		],
		censor: '[redacted]'
	}
});

export type Logger = typeof logger;
