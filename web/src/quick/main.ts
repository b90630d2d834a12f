// The public quick-order page (F21, F32), opened from a link /q/<token> with no account.
// A separate Vite entry (web/q.html) with no framework, so it stays small on a slow phone.
import './quick.css';
import { startQuickOrder } from './app';

const root = document.getElementById('quick');
if (root) startQuickOrder(root);
