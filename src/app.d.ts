import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth';
import type { Logger } from '$lib/server/logger';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			requestId: string;
			log: Logger;
		}
	}
}

export {};
