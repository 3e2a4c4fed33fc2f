/** The council's quorum (TT 09/2021): the one rule the server enforces and the web shows live. */

/** At least two thirds of the members present: ⌈2n/3⌉. */
export function quorumOf(members: number): number {
  return Math.ceil((2 * members) / 3);
}

/** A meeting is quorate with two thirds present; a written consultation always counts. */
export function isQuorate(mode: 'meeting' | 'written', present: number, members: number): boolean {
  return mode === 'written' ? true : present >= quorumOf(members);
}
