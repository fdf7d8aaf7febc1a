/** Partners that sold some of the demo policies (a bank and a car dealer). */
export const DEMO_PARTNERS = [
  { id: 'b1c5a3f0-6f1e-4c52-9b0e-2f8e0d7a4a11', name: 'Банк «Пример»' },
  { id: 'c2d6b4e1-7a2f-4d63-8c1f-3a9f1e8b5b22', name: 'Автосалон «Демо»' },
] as const;
