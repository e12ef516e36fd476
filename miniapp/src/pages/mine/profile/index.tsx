import { useEffect, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { validateEmergencyContact, type Gender, type PassengerProfileUpdate, type PassengerProfileView } from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { isApiError } from '../../../services/request';
import { byField } from '../field-errors';
import { profileApi } from '../passenger-api';
import './index.scss';

const GENDER_OPTIONS: (Gender | null)[] = [null, 'male', 'female'];
type Field = 'nickname' | 'gender' | 'emergencyContactName' | 'emergencyContactPhone';

/**
 * 我的 → 个人资料: nickname, gender and an emergency contact. The account phone is shown masked and
 * changes only through sign-in; the contact's phone comes back masked, so changing the contact
 * means typing the phone again (the server keeps name and phone as a pair, with the same checks).
 */
export default function ProfilePage() {
  const { t } = useI18n();
  const [profile, setProfile] = useState<PassengerProfileView | null>(null);
  const [nickname, setNickname] = useState('');
  const [gender, setGender] = useState<Gender | null>(null);
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [contactTouched, setContactTouched] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('profile.title');

  const show = (p: PassengerProfileView) => {
    setProfile(p);
    setNickname(p.nickname ?? '');
    setGender(p.gender);
    setContactName(p.emergencyContactName ?? '');
    setContactPhone('');
    setContactTouched(false);
  };

  useEffect(() => {
    profileApi
      .get()
      .then(show)
      .catch((e) => {
        if (!isApiError(e)) throw e;
      });
  }, []);

  const genderLabel = (g: Gender | null) => t(g ? (`profile.gender.${g}` as const) : 'profile.gender.none');

  const save = async () => {
    if (busy || !profile) return;
    const body: PassengerProfileUpdate = { nickname: nickname.trim() || null, gender };
    let found: Partial<Record<Field, string>> = {};
    if (contactTouched) {
      const name = contactName.trim();
      const phone = contactPhone.trim();
      if (name || phone) found = byField<Field>(validateEmergencyContact(name, phone));
      body.emergencyContactName = name || null;
      body.emergencyContactPhone = phone || null;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      show(await profileApi.update(body));
      toast(t('profile.saved'), 'success');
    } catch (e) {
      if (!isApiError(e)) throw e;
      setErrors(byField<Field>(e.errors));
      if (!e.errors.length) toast(e.errorMessage);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: Field) =>
    errors[field] ? (
      <Text className="form-field__error" id={`profile-error-${field}`}>
        {errors[field]}
      </Text>
    ) : null;

  if (!profile) {
    return (
      <View className="profile-page" id="profile-page">
        <Text className="profile-page__loading">{t('common.loading')}</Text>
      </View>
    );
  }

  return (
    <View className="profile-page" id="profile-page">
      <View className="form-card">
        <View className="form-field">
          <Text className="form-field__label">{t('profile.nickname')}</Text>
          <Input id="profile-nickname" className="form-field__input" maxlength={32} placeholder={t('profile.nickname.placeholder')} value={nickname} onInput={(e) => setNickname(e.detail.value)} />
        </View>
        {fieldError('nickname')}
        <View className="form-field">
          <Text className="form-field__label">{t('profile.gender')}</Text>
          <Picker
            id="profile-gender"
            mode="selector"
            range={GENDER_OPTIONS.map(genderLabel)}
            value={GENDER_OPTIONS.indexOf(gender)}
            onChange={(e) => setGender(GENDER_OPTIONS[Number(e.detail.value)] ?? null)}
          >
            <View className="form-field__picker">
              <Text id="profile-gender-value">{genderLabel(gender)}</Text>
              <Text className="form-field__arrow">›</Text>
            </View>
          </Picker>
        </View>
        <View className="form-field">
          <Text className="form-field__label">{t('profile.phone')}</Text>
          <Text className="form-field__value" id="profile-phone">
            {profile.phone ?? t('account.phone.none')}
          </Text>
        </View>
      </View>

      <Text className="form-section-title">{t('profile.emergency')}</Text>
      <View className="form-card">
        <View className="form-field">
          <Text className="form-field__label">{t('profile.emergency.name')}</Text>
          <Input
            id="profile-contact-name"
            className="form-field__input"
            maxlength={30}
            placeholder={t('profile.emergency.name.placeholder')}
            value={contactName}
            onInput={(e) => {
              setContactTouched(true);
              setContactName(e.detail.value);
            }}
          />
        </View>
        {fieldError('emergencyContactName')}
        <View className="form-field">
          <Text className="form-field__label">{t('profile.emergency.phone')}</Text>
          <Input
            id="profile-contact-phone"
            className="form-field__input"
            type="number"
            maxlength={11}
            placeholder={profile.emergencyContactPhone ? t('profile.emergency.phone.keep', { masked: profile.emergencyContactPhone }) : t('profile.emergency.phone.placeholder')}
            value={contactPhone}
            onInput={(e) => {
              setContactTouched(true);
              setContactPhone(e.detail.value);
            }}
          />
        </View>
        {fieldError('emergencyContactPhone')}
      </View>
      <Text className="profile-page__hint">{t('profile.emergency.hint')}</Text>
      <Button id="profile-save" className="profile-page__save" loading={busy} disabled={busy} onClick={() => void save()}>
        {t('profile.save')}
      </Button>
    </View>
  );
}
