// Queries the messaging dialogs share: every contact of a customer, the templates, the store
// settings (is WhatsApp configured?) and the customer's orders for {{order.*}}.
import { useQuery } from '@tanstack/react-query';
import { contactKeys, listContacts, type Contact } from '../../api/contacts';
import { listTemplates, messagingKeys, type Channel, type MessagingSettings } from '../../api/messaging';
import { listOrders, orderKeys } from '../../api/orders';
import { getSettings, settingsKeys } from '../../api/settings';

const CONTACT_PAGES_MAX = 10;

/** Every contact of the customer (up to 500), for choosing recipients. */
export function useAllContacts(customerId: string, enabled = true) {
  return useQuery({
    queryKey: [...contactKeys.list(customerId), 'all'] as const,
    enabled,
    queryFn: async (): Promise<Contact[]> => {
      const out: Contact[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < CONTACT_PAGES_MAX; i++) {
        const page = await listContacts(customerId, cursor);
        out.push(...page.items);
        cursor = page.next_cursor;
        if (!cursor) break;
      }
      return out;
    },
  });
}

/** Every template of a channel (filtered by language where shown, so switching asks nothing). */
export function useTemplates(channel: Channel, enabled = true) {
  return useQuery({
    queryKey: messagingKeys.templateList({ channel }),
    queryFn: () => listTemplates({ channel }),
    enabled,
  });
}

export function useStoreSettings(enabled = true) {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: async () => (await getSettings()) as MessagingSettings,
    enabled,
    select: (s) => s as MessagingSettings,
  });
}

export const RECENT_ORDERS = 10;

/** The customer's latest orders (the same query as its *Pedidos* panel). */
export function useRecentOrders(customerId: string, enabled = true) {
  const filters = { customer_id: customerId, limit: String(RECENT_ORDERS) };
  return useQuery({
    queryKey: orderKeys.list(filters),
    queryFn: () => listOrders({ customer_id: customerId, limit: RECENT_ORDERS }),
    enabled,
  });
}
