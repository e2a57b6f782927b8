/** One rendered email to one recipient. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable id of the notification, sent as X-Notification-Id so support can trace an email back to its cause. */
  notificationId: string;
  /** Template and category, sent as SES message tags so that SES events can be grouped and traced back. */
  template?: string;
  category?: string;
  /** For emails the recipient can switch off: RFC 8058 one-click unsubscribe. */
  unsubscribe?: {
    /** Signed https link accepting the one-click POST. */
    url: string;
    mailto?: string;
  };
}

export interface SendResult {
  /** SES message id, which bounce and complaint notifications refer to. */
  messageId: string;
}
