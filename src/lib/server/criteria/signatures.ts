import { inArray } from 'drizzle-orm';
import { getDb } from '../db';
import { users, type CriteriaVersion } from '../db/schema';

/** Who wrote, approved and published each version, by name (null for the seeded catalogue). */
export function signaturesOf(versions: CriteriaVersion[]) {
	const ids = versions
		.flatMap((v) => [v.authoredBy, v.approvedBy, v.publishedBy])
		.filter((id): id is number => id !== null);
	const names = new Map(
		ids.length === 0
			? []
			: getDb()
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, [...new Set(ids)]))
					.all()
					.map((u) => [u.id, u.name])
	);
	const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
	return (v: CriteriaVersion) =>
		v.publishedBy === null
			? null
			: {
					author: name(v.authoredBy),
					approver: name(v.approvedBy),
					publisher: name(v.publishedBy)
				};
}
