import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Force runes mode for the project, except for libraries. Can be removed in svelte 6.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter(),
		// Cross-origin form posts are refused by our own handle (src/lib/server/origin-check.ts),
		// which also accepts the loopback names as one another and explains a refusal.
		csrf: { trustedOrigins: ['*'] },
		// SvelteKit adds a nonce (hashes for prerendered pages) for its inline scripts to script-src.
		// Inline styles stay allowed: Svelte writes style attributes (style:, transitions).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config: (config) => {
				config.include.push('../drizzle.config.ts', '../playwright.config.ts', '../tests/**/*.ts');
			}
		}
	}
};

export default config;
