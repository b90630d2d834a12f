import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import i18n from '../../src/i18n';

// Tests read Spanish, the default UI language.
void i18n.changeLanguage('es');

afterEach(() => {
  cleanup();
  void i18n.changeLanguage('es');
});
