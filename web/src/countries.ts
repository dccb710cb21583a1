// Per-country address fields for a new address typed in the console: which fields a country
// uses and what its people call them. The server checks only what every address needs.
import type { Locale } from './i18n';

export interface CountryForm {
  code: string;
  name: Record<Locale, string>;
  postal: Record<Locale, string> | null;
  city: Record<Locale, string>;
  region: Record<Locale, string> | null;
  postalPattern?: string; // A hint for the input, not a rule.
}

export const countries: CountryForm[] = [
  { code: 'IT', name: { it: 'Italia', en: 'Italy' }, postal: { it: 'CAP', en: 'Postcode (CAP)' }, city: { it: 'Comune', en: 'Town' }, region: { it: 'Provincia (sigla)', en: 'Province (2 letters)' }, postalPattern: '[0-9]{5}' },
  { code: 'SM', name: { it: 'San Marino', en: 'San Marino' }, postal: { it: 'CAP', en: 'Postcode' }, city: { it: 'Castello', en: 'Municipality' }, region: null, postalPattern: '4789[0-9]' },
  { code: 'DE', name: { it: 'Germania', en: 'Germany' }, postal: { it: 'PLZ', en: 'Postcode (PLZ)' }, city: { it: 'Città', en: 'City' }, region: null, postalPattern: '[0-9]{5}' },
  { code: 'FR', name: { it: 'Francia', en: 'France' }, postal: { it: 'Codice postale', en: 'Postcode' }, city: { it: 'Città', en: 'City' }, region: null, postalPattern: '[0-9]{5}' },
  { code: 'CH', name: { it: 'Svizzera', en: 'Switzerland' }, postal: { it: 'NPA', en: 'Postcode (NPA)' }, city: { it: 'Località', en: 'Town' }, region: { it: 'Cantone', en: 'Canton' }, postalPattern: '[0-9]{4}' },
  { code: 'GB', name: { it: 'Regno Unito', en: 'United Kingdom' }, postal: { it: 'Postcode', en: 'Postcode' }, city: { it: 'Città (post town)', en: 'Post town' }, region: { it: 'Contea (facoltativa)', en: 'County (optional)' } },
  { code: 'US', name: { it: 'Stati Uniti', en: 'United States' }, postal: { it: 'ZIP code', en: 'ZIP code' }, city: { it: 'Città', en: 'City' }, region: { it: 'Stato (sigla)', en: 'State (2 letters)' }, postalPattern: '[0-9]{5}(-[0-9]{4})?' },
  { code: 'IE', name: { it: 'Irlanda', en: 'Ireland' }, postal: { it: 'Eircode (facoltativo)', en: 'Eircode (optional)' }, city: { it: 'Città', en: 'Town' }, region: { it: 'Contea', en: 'County' } },
];

export function countryForm(code: string): CountryForm {
  return countries.find((country) => country.code === code) ?? countries[0];
}
