import { errors } from '../http/errors';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password rule (OWASP ASVS 2.1): at least 10 characters, not one of the ~49,000 most common
 * passwords (zxcvbn's list), and not containing the username. It applies to every way a password
 * is set: an admin creating or resetting a user, a user changing their own, and the first admin.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username';

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `at most ${PASSWORD_MAX_LENGTH} characters`,
  common: 'too common: choose a password that is not on a list of often-used passwords',
  contains_username: 'must not contain the username',
};

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, username: string | undefined): PasswordProblem | null {
  // Length in characters, not UTF-16 units; blanks do not count towards it.
  const length = [...password.trim()].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.trim())) return 'common';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  return null;
}

export const passwordMessage = (problem: PasswordProblem): string => MESSAGES[problem];

/** Refuses a weak password with a 400 naming the field (`weak_password`). */
export function checkPassword(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw errors.badRequest(`${field} is not allowed: ${passwordMessage(problem)}`, [{ path: field, message: passwordMessage(problem) }], 'weak_password');
}
