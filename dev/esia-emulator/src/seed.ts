import type { EsiaTestPerson } from './persons.ts';

/**
 * The people the emulator knows. Each logs in with the phone, e-mail or SNILS shown here and the
 * password; the SMS code is printed to the emulator's log.
 */
export const ESIA_TEST_PERSONS = {
  /** A confirmed account carrying the ESIA test stand's sample data (SNILS below the checked range). */
  confirmed: {
    oid: 1000100001,
    password: 'Confirmed-2026',
    trusted: true,
    firstName: 'Дмитрий',
    lastName: 'Соколов',
    middleName: 'Андреевич',
    birthDate: '14.07.1990',
    birthPlace: 'г. Пенза',
    gender: 'M',
    snils: '000-000-600 06',
    inn: '585204118212',
    contacts: [
      { id: 14001, type: 'MBT', value: '+7(000)0000006', vrfStu: 'VERIFIED' },
      { id: 14002, type: 'EML', value: 'sokolov.test@example.ru', vrfStu: 'VERIFIED' },
    ],
    documents: [
      {
        id: 15001,
        type: 'RF_PASSPORT',
        series: '5303',
        number: '925695',
        issueDate: '10.08.2010',
        issueId: '006006',
        issuedBy: 'ОУФМС России по Пензенской обл. в Ленинском р-не г. Пензы',
        vrfStu: 'VERIFIED',
      },
    ],
    addresses: [
      {
        id: 16001,
        type: 'PRG',
        addressStr: 'Пензенская обл., г. Пенза, ул. Московская, д. 12, кв. 5',
        zipCode: '440026',
        countryId: 'RUS',
        region: 'Пензенская',
        city: 'Пенза',
        street: 'Московская',
        house: '12',
        flat: '5',
      },
    ],
  },
  /** A simplified account: may sign in, but `trusted` is false, so claims and payments stay closed. */
  unconfirmed: {
    oid: 1000100002,
    password: 'Unconfirmed-2026',
    trusted: false,
    firstName: 'Анна',
    lastName: 'Кузнецова',
    middleName: 'Павловна',
    birthDate: '03.02.1995',
    birthPlace: 'г. Казань',
    gender: 'F',
    snils: '168-904-215 95',
    contacts: [
      { id: 24001, type: 'MBT', value: '+7(916)5550102', vrfStu: 'VERIFIED' },
      { id: 24002, type: 'EML', value: 'kuznetsova.test@example.ru', vrfStu: 'NOT_VERIFIED' },
    ],
    documents: [
      {
        id: 25001,
        type: 'RF_PASSPORT',
        series: '9214',
        number: '334455',
        issueDate: '20.02.2015',
        issueId: '160004',
        issuedBy: 'Отделом УФМС России по Республике Татарстан в Вахитовском р-не г. Казани',
        vrfStu: 'NOT_VERIFIED',
      },
    ],
    addresses: [],
  },
  /** A confirmed account of someone who already holds policies: see EXISTING_INSURER_CUSTOMER. */
  existingCustomer: {
    oid: 1000100003,
    password: 'Existing-2026',
    trusted: true,
    firstName: 'Ольга',
    lastName: 'Смирнова',
    middleName: 'Викторовна',
    birthDate: '21.09.1978',
    birthPlace: 'г. Москва',
    gender: 'F',
    snils: '143-256-789 68',
    inn: '771345678963',
    contacts: [
      { id: 34001, type: 'MBT', value: '+7(903)1234567', vrfStu: 'VERIFIED' },
      { id: 34002, type: 'EML', value: 'olga.smirnova@example.ru', vrfStu: 'VERIFIED' },
    ],
    documents: [
      {
        id: 35001,
        type: 'RF_PASSPORT',
        series: '4508',
        number: '123456',
        issueDate: '15.10.2003',
        issueId: '772001',
        issuedBy: 'ОВД Тверского района гор. Москвы',
        vrfStu: 'VERIFIED',
      },
    ],
    addresses: [
      {
        id: 36001,
        type: 'PRG',
        addressStr: 'г. Москва, ул. Тверская, д. 7, кв. 21',
        zipCode: '125009',
        countryId: 'RUS',
        region: 'Москва',
        city: 'Москва',
        street: 'Тверская',
        house: '7',
        flat: '21',
      },
      {
        id: 36002,
        type: 'PLV',
        addressStr: 'Московская обл., г. Химки, ул. Лавочкина, д. 3',
        zipCode: '141400',
        countryId: 'RUS',
        region: 'Московская',
        city: 'Химки',
        street: 'Лавочкина',
        house: '3',
      },
    ],
  },
  /**
   * A second confirmed account of someone who holds policies of their own (see SECOND_INSURER_CUSTOMER):
   * two customers side by side show that each sees only their own.
   */
  secondCustomer: {
    oid: 1000100005,
    password: 'Second-2026',
    trusted: true,
    firstName: 'Алексей',
    lastName: 'Волков',
    middleName: 'Дмитриевич',
    birthDate: '17.03.1985',
    birthPlace: 'г. Тверь',
    gender: 'M',
    snils: '162-418-735 63',
    inn: '772451839692',
    contacts: [
      { id: 54001, type: 'MBT', value: '+7(915)2345678', vrfStu: 'VERIFIED' },
      { id: 54002, type: 'EML', value: 'volkov.test@example.ru', vrfStu: 'VERIFIED' },
    ],
    documents: [
      {
        id: 55001,
        type: 'RF_PASSPORT',
        series: '4510',
        number: '246810',
        issueDate: '02.04.2005',
        issueId: '770093',
        issuedBy: 'ОВД района Хамовники гор. Москвы',
        vrfStu: 'VERIFIED',
      },
    ],
    addresses: [
      {
        id: 56001,
        type: 'PRG',
        addressStr: 'г. Москва, Комсомольский пр-т, д. 28, кв. 64',
        zipCode: '119146',
        countryId: 'RUS',
        region: 'Москва',
        city: 'Москва',
        street: 'Комсомольский проспект',
        house: '28',
        flat: '64',
      },
    ],
  },
  /** A confirmed account the insurer has never seen: the first sign-in creates a customer. */
  newcomer: {
    oid: 1000100004,
    password: 'Newcomer-2026',
    trusted: true,
    firstName: 'Павел',
    lastName: 'Новиков',
    middleName: 'Игоревич',
    birthDate: '30.11.1988',
    birthPlace: 'г. Подольск',
    gender: 'M',
    snils: '157-342-968 90',
    inn: '502419876354',
    contacts: [
      { id: 44001, type: 'MBT', value: '+7(926)7654321', vrfStu: 'VERIFIED' },
      { id: 44002, type: 'EML', value: 'novikov.test@example.ru', vrfStu: 'VERIFIED' },
    ],
    documents: [
      {
        id: 45001,
        type: 'RF_PASSPORT',
        series: '4612',
        number: '654321',
        issueDate: '05.12.2008',
        issueId: '500045',
        issuedBy: 'ТП УФМС России по Московской обл. в г. Подольске',
        vrfStu: 'VERIFIED',
      },
    ],
    addresses: [
      {
        id: 46001,
        type: 'PRG',
        addressStr: 'Московская обл., г. Подольск, пр-т Ленина, д. 40, кв. 8',
        zipCode: '142100',
        countryId: 'RUS',
        region: 'Московская',
        city: 'Подольск',
        street: 'проспект Ленина',
        house: '40',
        flat: '8',
      },
    ],
  },
} as const satisfies Record<string, EsiaTestPerson>;

/**
 * The insurer's own record of the `existingCustomer` person, in our normalised forms, for the
 * policy and identity seeds: signing in as that person must link to this customer.
 */
export const EXISTING_INSURER_CUSTOMER = {
  esiaOid: '1000100003',
  lastName: 'Смирнова',
  firstName: 'Ольга',
  middleName: 'Викторовна',
  birthDate: '1978-09-21',
  gender: 'F',
  snils: '14325678968',
  inn: '771345678963',
  passport: { series: '4508', number: '123456', issueDate: '2003-10-15', divisionCode: '772-001' },
  phone: '+79031234567',
  email: 'olga.smirnova@example.ru',
} as const;

/** The insurer's own record of the `secondCustomer` person, in our normalised forms. */
export const SECOND_INSURER_CUSTOMER = {
  esiaOid: '1000100005',
  lastName: 'Волков',
  firstName: 'Алексей',
  middleName: 'Дмитриевич',
  birthDate: '1985-03-17',
  gender: 'M',
  snils: '16241873563',
  inn: '772451839692',
  passport: { series: '4510', number: '246810', issueDate: '2005-04-02', divisionCode: '770-093' },
  phone: '+79152345678',
  email: 'volkov.test@example.ru',
} as const;
