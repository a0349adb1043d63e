/** A one-line progress bar on stderr. */
export function progressBar(done: number, total: number, text: string): void {
	const width = 28;
	const filled = Math.round((done / Math.max(1, total)) * width);
	process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${text}   `);
	if (done >= total) process.stderr.write('\n');
}
