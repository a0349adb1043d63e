import type { Intent } from '../fusion/scenario.js';
import type { WorldObject } from '../world/WorldObject.js';

/** One action that can be taken back. */
export interface UndoEntry {
	/** The intent that was carried out. */
	intent: Intent;
	/** The object it changed. */
	object: WorldObject | null;
	/** Takes the action back; returns the object as it is registered afterwards (deleted objects come back as a new entry). */
	undo(): WorldObject | null;
}

/**
 * The actions that can be taken back, newest last ("undo", "撤销", or `sense.actions.undo()`).
 *
 * ```ts
 * const undo = new UndoStack();
 * undo.push( { intent: 'delete', object: cup, undo: () => restoreCup() } );
 * undo.undo(); // restores the cup
 * ```
 */
export class UndoStack {
	/** How many actions are remembered. */
	limit = 32;
	private readonly entries: UndoEntry[] = [];

	/** How many actions can be undone. */
	get size(): number {
		return this.entries.length;
	}

	push(entry: UndoEntry): void {
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.shift();
	}

	/** Takes back the newest action; returns its entry (with `object` updated), or null when there is none. */
	undo(): UndoEntry | null {
		const entry = this.entries.pop();
		if (!entry) return null;
		return { ...entry, object: entry.undo() };
	}

	clear(): void {
		this.entries.length = 0;
	}
}
