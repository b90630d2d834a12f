import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import es from './es.json';
import en from './en.json';
import esCatalog from './es/catalog.json';
import enCatalog from './en/catalog.json';
import esOrders from './es/orders.json';
import enOrders from './en/orders.json';
import esNotes from './es/notes.json';
import enNotes from './en/notes.json';
import esAddresses from './es/addresses.json';
import enAddresses from './en/addresses.json';
import esDuplicates from './es/duplicates.json';
import enDuplicates from './en/duplicates.json';
import esDeletion from './es/deletion.json';
import enDeletion from './en/deletion.json';
import esHistory from './es/history.json';
import enHistory from './en/history.json';
import esTags from './es/tags.json';
import enTags from './en/tags.json';
import esTransfer from './es/transfer.json';
import enTransfer from './en/transfer.json';
import esContacts from './es/contacts.json';
import enContacts from './en/contacts.json';
import esSettings from './es/settings.json';
import enSettings from './en/settings.json';
import esPortal from './es/portal.json';
import enPortal from './en/portal.json';
import esMessaging from './es/messaging.json';
import enMessaging from './en/messaging.json';

// One translation namespace; each area keeps its messages in its own file under a top-level
// key (`catalog.*`, `orders.*`, `notes.*`) so areas can grow without touching each other.
export const resources = {
  es: { translation: { ...es, catalog: esCatalog, orders: esOrders, notes: esNotes, addresses: esAddresses, duplicates: esDuplicates, deletion: esDeletion, history: esHistory, tags: esTags, transfer: esTransfer, contacts: esContacts, settings: esSettings, portal: esPortal, messaging: esMessaging } },
  en: { translation: { ...en, catalog: enCatalog, orders: enOrders, notes: enNotes, addresses: enAddresses, duplicates: enDuplicates, deletion: enDeletion, history: enHistory, tags: enTags, transfer: enTransfer, contacts: enContacts, settings: enSettings, portal: enPortal, messaging: enMessaging } },
} as const;

export const LANGUAGES = ['es', 'en'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'es';
export const LANGUAGE_STORAGE_KEY = 'cartera.language';

function storedLanguage(): UiLanguage {
  try {
    const v = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as UiLanguage;
  } catch {
    // Storage may be unavailable (privacy mode); fall back to the default.
  }
  return DEFAULT_LANGUAGE;
}

/** Switches the UI language and remembers it in localStorage. */
export async function setLanguage(language: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered; still switch for this visit.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
