/**
 * Why a write was not applied, as AppErrors (src/errors.ts): each has a code, and the mutation
 * fields return them as members of their result unions (curation.types.ts).
 */
import type { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.js';

export interface Problem {
  field: string;
  message: string;
}

export class ValidationFailed extends AppError {
  constructor(readonly problems: Problem[]) {
    super(
      ErrorCode.BAD_USER_INPUT,
      `The input has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      { problems },
    );
  }
}

export class NotFound extends AppError {
  constructor(
    readonly slug: string,
    what = 'node',
  ) {
    super(ErrorCode.NOT_FOUND, `No ${what} has slug "${slug}".`, { id: slug });
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class StaleVersion extends AppError {
  constructor(
    readonly slug: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      ErrorCode.VERSION_CONFLICT,
      `"${slug}" is at version ${currentVersion}, not ${expectedVersion}: someone changed it since you read it. Re-read and retry.`,
      { id: slug, expectedVersion, currentVersion },
    );
  }
}

export function zodProblems(error: z.ZodError, prefix: string): Problem[] {
  return error.issues.map((issue) => ({ field: [prefix, ...issue.path].filter((p) => p !== '').join('.'), message: issue.message }));
}

/** Throws ValidationFailed listing every problem, if there is any. */
export function fail(problems: Problem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}
