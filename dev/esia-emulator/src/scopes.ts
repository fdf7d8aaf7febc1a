/** Scopes the emulated ESIA grants for a person, with the wording of its consent screen. */
export const PERSON_SCOPES: Readonly<Record<string, string>> = {
  openid: 'Вход в систему',
  fullname: 'Фамилия, имя и отчество',
  birthdate: 'Дата рождения',
  gender: 'Пол',
  birthplace: 'Место рождения',
  snils: 'СНИЛС',
  inn: 'ИНН',
  id_doc: 'Данные документа, удостоверяющего личность',
  mobile: 'Номер мобильного телефона',
  email: 'Адрес электронной почты',
  contacts: 'Контактные данные',
  addresses: 'Адреса регистрации и проживания',
  drivers_licence_doc: 'Данные водительского удостоверения',
  vehicles: 'Сведения о транспортных средствах',
};

/** Scopes that expose a person's data name the person: ESIA writes them as `fullname?oid=1000`. */
export function scopeClaim(scopes: readonly string[], oid: number): string {
  return scopes.map((scope) => (scope === 'openid' ? scope : `${scope}?oid=${oid}`)).join(' ');
}
