// The error of a board request that passes its schema but does not fit the installed snapshot.
// Both hosts pass it on as it is: the browser host responds with 400 and its message, and over
// IPC the renderer's promise rejects with it.

export type BoardRequestProblem = 'unknown-region';

export class BoardRequestError extends Error {
  override name = 'BoardRequestError';

  constructor(
    readonly problem: BoardRequestProblem,
    message: string,
  ) {
    super(message);
  }
}
