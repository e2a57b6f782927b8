/** Per-deployment values the templates need; bound from the dispatcher's configuration. */
export interface TemplateSettings {
  /** Shown in every email and as the sender's name, e.g. "Public Buyers Community". */
  platformName: string;
  /** Shown in every email's footer: "Questions? Write to <supportEmail>". */
  supportEmail: string;
  /** Base URL of the portal; every portal link in an email is built from it. */
  publicBaseUrl: string;
  /** Serves GET /templates/preview without authentication; false in production. */
  previewEnabled: boolean;
}

export const TEMPLATE_SETTINGS = Symbol('TEMPLATE_SETTINGS');
