import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import i18n from '../../src/i18n';

// Tests read Spanish, the default UI language.
void i18n.changeLanguage('es');

// A whole page's first render takes seconds on a loaded 2-core machine: findBy*/waitFor wait
// up to 5 s (Testing Library's default, 1 s, fails there while the page is still loading).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  void i18n.changeLanguage('es');
});
