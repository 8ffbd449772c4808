import { type ApiError, isApiError } from '../app/cidaas/api-error';

/** The {@link ApiError} a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw new Error(`expected an ApiError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection');
}
