// The visitor's words for an error the background answered with, on any page.
import type { WireError } from '../protocol/messages.ts';
import { messageKeyPart } from '../i18n/messages.ts';
import { useServices } from './context.ts';

export function useErrorText(): (error: WireError) => string {
  const { t } = useServices();
  return (error) => t.dynamic(`error_${messageKeyPart(error.code)}`) ?? t('error_internal');
}
