/** One row of a ledger as the pages show it. */
export type Line = {
	id: number;
	code: string;
	version: number;
	points: number;
	status: 'proposed' | 'confirmed' | 'reversed' | 'paid';
	expired: boolean;
	attemptId: number | null;
	quote: string | null;
	reverses: number | null;
	createdAt: string;
	dispute?: {
		status: string;
		reason: string;
		ruling: string | null;
		finalDecision: string | null;
		overdue?: boolean;
	} | null;
};
