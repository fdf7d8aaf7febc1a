/** A person's record in the emulated ESIA, in ESIA's own shapes (dates dd.MM.yyyy, SNILS with separators). */
export interface EsiaTestPerson {
  readonly oid: number;
  /** Entered on the login page together with the phone, e-mail or SNILS. */
  readonly password: string;
  readonly trusted: boolean;
  readonly firstName: string;
  readonly lastName: string;
  readonly middleName?: string;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly gender: 'M' | 'F';
  readonly snils?: string;
  readonly inn?: string;
  readonly contacts: readonly EsiaTestContact[];
  readonly documents: readonly EsiaTestDocument[];
  readonly addresses: readonly EsiaTestAddress[];
}

export interface EsiaTestContact {
  readonly id: number;
  readonly type: 'MBT' | 'PHN' | 'EML' | 'CEM';
  readonly value: string;
  readonly vrfStu: 'VERIFIED' | 'NOT_VERIFIED';
}

export interface EsiaTestDocument {
  readonly id: number;
  readonly type: 'RF_PASSPORT' | 'RF_DRIVING_LICENSE';
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  readonly issueId: string;
  readonly issuedBy: string;
  readonly vrfStu: 'VERIFIED' | 'NOT_VERIFIED';
}

export interface EsiaTestAddress {
  readonly id: number;
  readonly type: 'PRG' | 'PLV';
  readonly addressStr: string;
  readonly zipCode: string;
  readonly countryId: 'RUS';
  readonly region: string;
  readonly city: string;
  readonly street: string;
  readonly house: string;
  readonly flat?: string;
}
