// Fails the e2e run early, and clearly, when no Chromium is installed — it never silently skips.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
try {
	accessSync(path, constants.X_OK);
} catch {
	console.error(
		`\nEnd-to-end tests need Chromium at ${path}, and none was found.\n` +
			'Install it with:   sudo apt-get install -y chromium      (Debian/Ubuntu)\n' +
			'or point CHROMIUM_PATH at a Chromium or Chrome binary:   CHROMIUM_PATH=/path/to/chrome npm test\n',
	);
	process.exit(1);
}
