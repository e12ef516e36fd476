import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { maskPhone, validateEmergencyContact, type PassengerProfileUpdate, type PassengerProfileView } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { EndUserEntity } from '../../account/entity/end-user.entity';
import { PrivacyConsentService } from '../../account/service/privacy-consent.service';
import { AuditService } from '../../audit/service/audit.service';
import { PassengerProfileEntity } from '../entity';

/**
 * The passenger's own profile: nickname (on the account), gender and an emergency contact, whose
 * name and phone are encrypted at rest. The account phone is shown masked and changes only by
 * signing in with, or binding, another number.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PassengerProfileService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;
  @Inject() private consents: PrivacyConsentService;

  async get(principal: EndUserPrincipal): Promise<PassengerProfileView> {
    const user = await EndUserEntity.findByPk(principal.subjectId);
    if (!user || !user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
    const extra = await PassengerProfileEntity.findByPk(principal.subjectId);
    return {
      id: user.id,
      nickname: user.nickname,
      gender: extra?.gender ?? null,
      phone: user.phoneEnc ? maskPhone(this.cipher.decrypt(user.phoneEnc)) : null,
      // the contact's name is the user's own entry, shown back whole; the phone masked like any other
      emergencyContactName: this.cipher.decrypt(extra?.emergencyNameEnc ?? null),
      emergencyContactPhone: extra?.emergencyPhoneEnc ? maskPhone(this.cipher.decrypt(extra.emergencyPhoneEnc)) : null,
      privacyPolicyVersion: user.privacyVersion,
      privacyConsentRequired: this.consents.requiredVersion(user.privacyVersion),
    };
  }

  async update(principal: EndUserPrincipal, body: PassengerProfileUpdate, origin: RequestOrigin): Promise<PassengerProfileView> {
    const change = this.validated(body);
    await this.db.transaction(async (t) => {
      const user = await EndUserEntity.findByPk(principal.subjectId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!user || !user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
      if (change.nickname !== undefined) await user.update({ nickname: change.nickname }, { transaction: t });
      const [extra] = await PassengerProfileEntity.findOrCreate({ where: { endUserId: user.id }, defaults: { endUserId: user.id }, transaction: t });
      const fields: Partial<PassengerProfileEntity> = {};
      if (change.gender !== undefined) fields.gender = change.gender;
      if (change.contact !== undefined) {
        fields.emergencyNameEnc = this.cipher.encrypt(change.contact?.name ?? null);
        fields.emergencyPhoneEnc = this.cipher.encrypt(change.contact?.phone ?? null);
      }
      if (Object.keys(fields).length) await extra.update(fields, { transaction: t });
      await this.audit.record(origin, {
        category: 'security', action: 'profile.update', result: 'success', targetType: 'end_user', targetId: user.id,
        // which fields changed, never the contact's number
        detail: { fields: Object.keys(body).filter((k) => (body as Record<string, unknown>)[k] !== undefined) },
      }, t);
    });
    return this.get(principal);
  }

  /**
   * undefined leaves a field as it is; '' or null clears it. The emergency contact is a pair: both
   * given, or both cleared (the same rules as the app's form, from contracts).
   */
  private validated(body: PassengerProfileUpdate) {
    const blank = (v: string | null | undefined) => v === null || (typeof v === 'string' && v.trim() === '');
    let nickname: string | null | undefined;
    if (body.nickname !== undefined) nickname = blank(body.nickname) ? null : body.nickname!.trim();
    let contact: { name: string; phone: string } | null | undefined;
    const { emergencyContactName: name, emergencyContactPhone: phone } = body;
    if (name !== undefined || phone !== undefined) {
      if (blank(name) && blank(phone)) contact = null;
      else {
        const errors = validateEmergencyContact(name, phone);
        if (errors.length) throw new ValidationError(errors);
        contact = { name: name!.trim(), phone: phone!.trim() };
      }
    }
    return { nickname, gender: body.gender, contact };
  }
}
