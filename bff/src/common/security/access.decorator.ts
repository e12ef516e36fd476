import { getPropertyMetadata, savePropertyMetadata } from '@midwayjs/core';
import type { PermissionCode } from '@dzky/contracts';

const PUBLIC_KEY = 'dzky:access:public';
const PERMISSIONS_KEY = 'dzky:access:permissions';
const PASSWORD_CHANGE_KEY = 'dzky:access:allow-password-change';
const NO_CONSENT_KEY = 'dzky:access:allow-without-privacy-consent';

/** The route needs no sign-in (sign-in itself, health). */
export function Public(): MethodDecorator {
  return (target, key) => savePropertyMetadata(PUBLIC_KEY, true, target, key);
}

/** The caller needs at least one of these permissions. */
export function RequirePermission(...anyOf: PermissionCode[]): MethodDecorator {
  return (target, key) => savePropertyMetadata(PERMISSIONS_KEY, anyOf, target, key);
}

/** Reachable while the password must be changed (the change itself, profile, sign-out). */
export function AllowDuringPasswordChange(): MethodDecorator {
  return (target, key) => savePropertyMetadata(PASSWORD_CHANGE_KEY, true, target, key);
}

/**
 * Reachable by a signed-in passenger or driver who has not yet accepted the privacy policy in
 * force (the consent itself, reading the profile). Every other app route answers
 * PRIVACY.CONSENT_REQUIRED until then.
 */
export function AllowWithoutPrivacyConsent(): MethodDecorator {
  return (target, key) => savePropertyMetadata(NO_CONSENT_KEY, true, target, key);
}

export function accessMetadata(clz: any, method: string) {
  return {
    isPublic: Boolean(getPropertyMetadata(PUBLIC_KEY, clz, method)),
    permissions: (getPropertyMetadata(PERMISSIONS_KEY, clz, method) as PermissionCode[] | undefined) ?? [],
    allowDuringPasswordChange: Boolean(getPropertyMetadata(PASSWORD_CHANGE_KEY, clz, method)),
    allowWithoutPrivacyConsent: Boolean(getPropertyMetadata(NO_CONSENT_KEY, clz, method)),
  };
}
