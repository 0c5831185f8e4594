import { and, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { assignments, auditLog } from '../db/schema';
import { seedDemo } from '../seed';
import * as users from '../users';
import * as assigning from '.';

describe('the demo seed', () => {
	it('gives supervisor1’s team one practice assignment, audited, and not again on a second run', async () => {
		await seedDemo();
		await seedDemo();
		const supervisor = users.getByUsername('supervisor1')!;
		const rows = getDb()
			.select()
			.from(assignments)
			.where(and(eq(assignments.assignedBy, supervisor.id), isNotNull(assignments.teamId)))
			.all();
		expect(rows.map((r) => r.userId).sort()).toEqual(
			['trainee1', 'trainee2'].map((n) => users.getByUsername(n)!.id).sort()
		);
		expect(
			getDb().select().from(auditLog).where(eq(auditLog.action, 'assignment.create')).all()
		).toHaveLength(2);
		const groups = assigning.grouped(assigning.listFor(supervisor));
		expect(groups.find((g) => g.team !== null)?.people.map((p) => p.status)).toEqual([
			'not_started',
			'not_started'
		]);
	});
});
