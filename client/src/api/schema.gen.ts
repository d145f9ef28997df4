/**
 * Generated from GET /api/openapi.json by openapi-typescript: do not edit.
 * Regenerate with `npm run gen:api` after changing a route or a response schema.
 */
export interface paths {
    "/api/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed which configuration or directory entry, when, with what
         * @description Newest first. `format=csv` answers text/csv (UTF-8 with BOM) of the same page; cells that a spreadsheet would run as formulas are prefixed with a quote.
         */
        get: operations["getAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with username and password
         * @description Failed attempts are limited per client address and username (LOOPDESK_LOGIN_RATE_LIMIT per 15 minutes), per address (LOOPDESK_LOGIN_ADDRESS_LIMIT per hour) and per account (after 5 failures in a row each attempt waits twice as long, up to 5 minutes): 429 with `retry_after` seconds.
         */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out: this token stops working
         * @description Other sessions of the user go on; their sockets are dropped only for this token.
         */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I */
        get: operations["getAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password
         * @description Every session of the user ends, this one too; the answer carries a fresh token for this one.
         */
        post: operations["postAuthPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Working calendars: business hours, callable hours, holidays */
        get: operations["getCalendars"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendars/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One working calendar with its holidays and make-up working days */
        get: operations["getCalendarsByKey"];
        /**
         * Create or replace a working calendar
         * @description Running timers that count on the calendar get their due times from the new one in the same transaction; `moved_timers` says how many moved. The weekly hours of a calendar managed by the callback policy are edited there (409).
         */
        put: operations["putCalendarsByKey"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendars/{key}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a year's official holidays and make-up working days (CSV or JSON)
         * @description Rows `date,kind,name` (kind: holiday or working_day). The whole file is checked first: any bad row answers 422 with every bad line, and nothing is imported.
         */
        post: operations["postCalendarsByKeyImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The callback work list (回访), soonest due first
         * @description Unit heads see callbacks of their subtree. `assignee_id=me` is the caller's own list.
         */
        get: operations["getCallbacks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a callback to the time the customer asked for
         * @description The asked time is kept even outside callable hours or on a holiday; the assignee stays.
         */
        post: operations["postCallbacksByIdReschedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Callback agents, their duty and open callbacks */
        get: operations["getCallbacksAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/agents/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put a callback agent on or off duty
         * @description Agents set their own duty; supervisors and admins anyone's. Going off duty hands the agent's open callbacks to the others (least loaded first); coming on duty takes due callbacks nobody had.
         */
        put: operations["putCallbacksAgentsByUserId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/automation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How first attempts are automated (SMS survey, voice platform)
         * @description The voice platform's secret is never shown, only whether one is set.
         */
        get: operations["getCallbacksAutomation"];
        /**
         * Replace the automation settings
         * @description Channel `sms` needs SMPP_URL; `ivr` needs the platform's endpoint and secret (422 `sms_not_configured` / `ivr_not_configured`). Applies to attempts falling due from now on.
         */
        put: operations["putCallbacksAutomation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** First-time and second-time satisfaction and unreachable rate per unit and month */
        get: operations["getCallbacksFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/ivr/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The voice platform posts the result of a survey call
         * @description No login: signed by the platform with the shared secret. `x-loopdesk-timestamp`: Unix seconds (at most 5 minutes off); `x-loopdesk-signature`: `sha256=` + hex HMAC-SHA256 of "<timestamp>.<raw body>". A result delivered again is answered `recorded: false`.
         */
        post: operations["postCallbacksIvrResults"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The callback policy */
        get: operations["getCallbacksPolicy"];
        /**
         * Replace the callback policy
         * @description Applies to callbacks scheduled from now on; those already scheduled keep their time.
         */
        put: operations["putCallbacksPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/callbacks/preferences/{customer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's callback channel, language and opt-out */
        get: operations["getCallbacksPreferencesByCustomerId"];
        /** Set a customer's callback channel, language and opt-out */
        put: operations["putCallbacksPreferencesByCustomerId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/causes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cause tree (原因分类) of every category or one, flat, in order */
        get: operations["getCauses"];
        put?: never;
        /** Add a cause, or a sub-cause under one */
        post: operations["postCauses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/causes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename (while unused), reorder, deactivate or reactivate a cause
         * @description Never deleted: tickets keep the cause they were resolved with. 409 `cause_in_use` on renaming a cause tickets name.
         */
        patch: operations["patchCausesById"];
        trace?: never;
    };
    "/api/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API clients (service accounts of other systems) */
        get: operations["getClients"];
        put?: never;
        /**
         * Create an API client: its secret is shown once
         * @description The client exchanges `client_id` and `client_secret` for a bearer token at `POST /oauth/token`. Unknown unit: 422 `unknown_reference`.
         */
        post: operations["postClients"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One API client */
        get: operations["getClientsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an API client (name, scopes, units) or deactivate it
         * @description Deactivating, or changing scopes or units, ends every token issued so far.
         */
        patch: operations["patchClientsById"];
        trace?: never;
    };
    "/api/clients/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new secret; the old one keeps working for an overlap */
        post: operations["postClientsByIdRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clients/{id}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A client's TMF621 hub subscriptions */
        get: operations["getClientsByIdSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cti/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A call rings at an agent: their console opens intake for the caller (caller pop)
         * @description Called by the phone system: an API client with the scope `cti.calls`, or a user of role `integration`. The agent must be an active agent or supervisor (422 `unknown_agent`).
         */
        post: operations["postCtiCalls"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find customers by phone or account number */
        get: operations["getCustomers"];
        put?: never;
        /** Register a customer */
        post: operations["postCustomers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer */
        get: operations["getCustomersById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's open tickets, recent complaints and the repeat-complaint flag */
        get: operations["getCustomersByIdHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/directory/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Names of the people one works with (handlers and heads: their subtree, the heads above, the desk)
         * @description Every role may read it, so timelines, queues and escalations show names, and dispatch can offer the handlers of a unit.
         */
        get: operations["getDirectoryPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/escalation-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How long before an idle owner or an unacknowledged level is escalated */
        get: operations["getEscalationPolicy"];
        /** Change the escalation times (applies to timers armed from now on) */
        put: operations["putEscalationPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/escalations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Escalations that reached the caller (pending: waiting for acknowledgement) */
        get: operations["getEscalations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/escalations/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an escalation (签收): the case stops climbing at this level
         * @description Only the leader it reached acknowledges; acknowledging twice returns the first acknowledgement.
         */
        post: operations["postEscalationsByIdAcknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hub-subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of a hub subscription, newest first */
        get: operations["getHubSubscriptionsByIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hub-subscriptions/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a suspended hub subscription: what waited is sent, in order */
        post: operations["postHubSubscriptionsByIdResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import units, users or customers from a CSV or XLSX file
         * @description The body is the file (`text/csv` or XLSX); its first row names the columns (units: code, name, parent_code, area; users: username, name, role, unit_code, email, password; customers: phone, name, account_no, area, tier, email, unit_code). The whole file is checked first: any bad row answers 422 `import_rows_invalid` with `errors: [{line, field, message}]` and nothing is written; `dry_run=true` only checks. Rows are upserted by their natural key (unit code, username, customer phone); an empty cell keeps the stored value. The same file (or `Idempotency-Key`) twice imports once: the second answer has `replayed: true`. Customer files over 100 000 rows are committed in batches that a re-run completes. Progress reaches the uploading console as `import.progress` events; one audit row per import.
         */
        post: operations["postImportsByKind"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mass complaints (规模性投诉), newest first
         * @description Agents look up open incidents for the caller's category and unit before logging: `explanation_wording` is what to tell the caller. Handlers and unit heads see incidents of their subtree or holding a ticket of it.
         */
        get: operations["getIncidents"];
        put?: never;
        /** Open an incident by hand and link tickets to it */
        post: operations["postIncidents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An incident with its tickets */
        get: operations["getIncidentsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Set the title, status or explanation wording (解释口径)
         * @description Supervisors and managers, or the unit head who owns the incident.
         */
        patch: operations["patchIncidentsById"];
        trace?: never;
    };
    "/api/incidents/{id}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link a ticket to the incident by hand */
        post: operations["postIncidentsByIdTickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/tickets/{ticketId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a ticket from the incident */
        delete: operations["deleteIncidentsByIdTicketsByTicketId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Billing: a batch of arrears payments (up to 1,000)
         * @description Called by billing and provisioning as API clients (scopes `integrations.payments`, `integrations.restorations`); admins post the CSV fallback. Each event is checked and written on its own (all or nothing per event): the answer lists, in order, accepted (with what it did), duplicate (its `external_id` was seen before) or rejected (the fields and why). A batch is never refused for one bad event. A payment of an account suspended for arrears opens its reconnection watch (a reconnection ticket on channel `system` with the 24 h regulatory timer and the 2 h internal target of its tier, from the payment or, for a bank transfer, from the bank's confirmation); a later payment joins the open watch; any other payment is recorded and starts nothing. Each event is a `PaymentEvent`.
         */
        post: operations["postIntegrationsPayments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/restorations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Provisioning: lines restored (up to 1,000)
         * @description Called by billing and provisioning as API clients (scopes `integrations.payments`, `integrations.restorations`); admins post the CSV fallback. Each event is checked and written on its own (all or nothing per event): the answer lists, in order, accepted (with what it did), duplicate (its `external_id` was seen before) or rejected (the fields and why). A batch is never refused for one bad event. Stops the watch's timers at `restored_at` (met or breached by that time, not by when the report arrives) and closes it: on time without a callback, late (a target missed) resolved with a callback. Each event is a `RestorationEvent`.
         */
        post: operations["postIntegrationsRestorations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/suspensions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Billing: notices before suspension and suspensions for arrears (up to 1,000)
         * @description Called by billing and provisioning as API clients (scopes `integrations.payments`, `integrations.restorations`); admins post the CSV fallback. Each event is checked and written on its own (all or nothing per event): the answer lists, in order, accepted (with what it did), duplicate (its `external_id` was seen before) or rejected (the fields and why). A batch is never refused for one bad event. A suspension with no notice before it is accepted and flagged (`suspended_without_notice`: Liaoning's duty to notify first). An account the desk does not know is registered by its `phone`. Each event is a `SuspensionEvent`.
         */
        post: operations["postIntegrationsSuspensions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mail/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a parked delivery again (audited)
         * @description The delivery goes back to the queue with a fresh count of attempts; the mail worker sends it within a second or two. Only a parked (`failed`) delivery can be retried: anything else is 409 `mail_not_parked`.
         */
        post: operations["postMailByIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mail/parked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mail the mail server refused (parked), newest first, with its error */
        get: operations["getMailParked"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mass-complaint-detectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mass-complaint detectors */
        get: operations["getMassComplaintDetectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mass-complaint-detectors/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or replace a detector (N tickets within a window) */
        put: operations["putMassComplaintDetectorsByKey"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notification-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My console alert switches */
        get: operations["getMeNotificationSettings"];
        /** Replace my console alert switches */
        put: operations["putMeNotificationSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/my-cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's leadership cases, newest first */
        get: operations["getMyCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ownership-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rules that make a ticket a leadership case (领导包案) */
        get: operations["getOwnershipRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ownership-rules/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace an ownership rule
         * @description Applies to tickets evaluated from now on (accepted, dispatched, re-dispatched, reopened, flagged, linked).
         */
        put: operations["putOwnershipRulesByKey"];
        post?: never;
        /** Delete an ownership rule (disable it to keep it) */
        delete: operations["deleteOwnershipRulesByKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reconnection/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provisioning team's reconnection work queue: by tier, then by due time */
        get: operations["getReconnectionQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reply-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reply templates (常用语) by purpose, category and type; filled from a ticket with ticket_id
         * @description Placeholders: {customer_name} {customer_phone} {ticket_number} {due_at} (the soonest open SLA due time, desk time) {unit} {agent_name} (the caller of this request). Without ticket_id the console fills what it knows (intake: the caller being typed).
         */
        get: operations["getReplyTemplates"];
        put?: never;
        /** Add a reply template */
        post: operations["postReplyTemplates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reply-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit, deactivate or reactivate a reply template */
        patch: operations["patchReplyTemplatesById"];
        trace?: never;
    };
    "/api/reports/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaints of the month by category and by cause (same scope rules as the report) */
        get: operations["getReportsBreakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/bulletin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service bulletin (服务情况通报): figures, targets missed, typical cases and rectifications of the month
         * @description `format=html` is the A4 portrait print layout (company and month on every page, page numbers); `format=pdf` is the same page rendered by the server with Chromium (503 `pdf_unavailable` where the server has none).
         */
        get: operations["getReportsBulletin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/callback-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Callbacks by channel in a month: answers by SMS, voice platform, mail survey and agents, reply rates, opt-outs, callbacks that needed no agent
         * @description A unit head sees their subtree; opt-outs are counted company-wide (a number is not a unit's).
         */
        get: operations["getReportsCallbackChannels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/case-analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The monthly case-analysis report (典型案例分析): figures for the scope and each unit, and the typical cases
         * @description A unit head sees their subtree (their unit when unit_id is absent); supervisors and managers see all. Rates are fractions 0–1, null where nothing was counted. `format=csv` gives the figures, one row for the scope and one per unit, headed by the figures' names in `lang` (or Accept-Language), or by the machine keys with `keys=machine`; UTF-8 with a BOM, text cells that a spreadsheet would run as a formula prefixed with an apostrophe.
         *
         *     Definitions:
         *     - `tickets`: tickets accepted (created) in the month, of every type
         *     - `complaints`: complaints accepted in the month (fault_reports, reconnections and requests: the other types, likewise)
         *     - `avg_handling_days`: mean of (resolved_at − accepted) in days over tickets whose resolved_at falls in the month. resolved_at is the resolution of the latest handling round (a reopened ticket loses it until it is resolved again), so a reopened ticket counts once, in the month of its last resolution, with its whole wait including the second handling; first_resolved_at (the first resolution ever) is not used by any figure, because it would hide the rework the customer waited for
         *     - `timely_rate`: of the tickets resolved in the month (as above), the share resolved within every applicable target: none of the ticket's SLA timers that the resolution stops breached, in any handling round (a timer met late still breached; cancelled timers and the callback window do not count; a ticket without such timers had no target to miss)
         *     - `responsibility_complaints`: complaints resolved in the month (as above) with responsibility = company (责任投诉)
         *     - `responsibility_complaints_prev_month`: the same count for the month before
         *     - `responsibility_complaints_prev_year`: the same count for the same month a year earlier
         *     - `responsibility_complaints_change_prev_month_pct`: (this − previous month) ÷ previous month × 100, one decimal; null when the previous month had none
         *     - `responsibility_complaints_change_prev_year_pct`: (this − same month last year) ÷ same month last year × 100, one decimal; null when that month had none
         *     - `first_time_satisfaction`: callbacks of a first handling (handling_round 1) answered satisfied ÷ those answered satisfied or unsatisfied; unreachable attempts are not answers
         *     - `second_time_satisfaction`: the same for second handlings (handling_round 2)
         *     - `unreachable_rate`: callback attempts with outcome unreachable ÷ all callback attempts done
         *     - `over_level_complaints`: complaints accepted in the month through the regulator channel (越级投诉)
         *     - `reconnections_restored`: reconnection tickets resolved in the month whose reconnection timers were stopped (the line restored): the denominator of both reconnection rates
         *     - `reconnect_24h_rate`: of those, the share restored within the regulatory 24 hours from payment (bank transfers: from the bank's confirmation): their regulatory timer never breached, judged at the restoration time
         *     - `reconnect_2h_rate`: of those, the share restored within Dalian's internal 2 hours from payment (same clock start): their internal timer never breached
         *     - `fault_report_rate`: fault tickets accepted in the month ÷ the subscribers of the units in scope for that month (unit_subscribers, or the unit's subscribers field where the month has no row); a unit counts its own subscribers, a subtree the sum; null without subscribers
         */
        get: operations["getReportsCaseAnalysis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/cases/{ticketId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket as a typical case: review, rectification items, owner actions and explanation (shown on the ticket) */
        get: operations["getReportsCasesByTicketId"];
        /** Mark a case for the meeting and record its analysis */
        put: operations["putReportsCasesByTicketId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/cases/{ticketId}/rectifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a rectification item with a responsible person and due date */
        post: operations["postReportsCasesByTicketIdRectifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who receives the monthly bulletin mail, and which scope each gets
         * @description Every active manager (the whole company) and unit head (their subtree), the same rule the mail uses; `receives: false` when no e-mail address is on file. Unit heads see the heads of their subtree only.
         */
        get: operations["getReportsRecipients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/rectifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rectification items of a month: still open (carried over month to month until done) and done in it */
        get: operations["getReportsRectifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/rectifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record the evidence of a rectification item, mark it done (needs evidence) or not done again */
        patch: operations["patchReportsRectificationsById"];
        trace?: never;
    };
    "/api/reports/subscribers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Subscribers per unit for a month (the fault-report rate's denominator)
         * @description Unit heads see their subtree's units only.
         */
        get: operations["getReportsSubscribers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/subscribers/{unit_id}/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a unit's subscriber count for a month */
        put: operations["putReportsSubscribersByUnitIdByMonth"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Targets per unit and figure in force in a month (目标管理), inherited down the tree */
        get: operations["getReportsTargets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/targets/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a unit's (or the company's) own targets from a month on; null removes that month's own target */
        put: operations["putReportsTargetsByMonth"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly figures for the trend charts (default: the last twelve months up to this one)
         * @description Same scope rules and definitions as the case-analysis report.
         */
        get: operations["getReportsTrend"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/urges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** After how many urges a ticket escalates */
        get: operations["getSettingsUrges"];
        /** Set after how many urges a ticket escalates (0: never) */
        put: operations["putSettingsUrges"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA policies: which tickets, what target, which clock */
        get: operations["getSlaPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla-policies/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One SLA policy */
        get: operations["getSlaPoliciesByKey"];
        /**
         * Create or replace an SLA policy
         * @description New timers follow the new version; running timers keep the policy they started with (shown as `policy_version`).
         */
        put: operations["putSlaPoliciesByKey"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla-policies/{key}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * When a ticket of this policy accepted at a given time falls due
         * @description Computed by the timers' own calendar arithmetic: working hours, lunch breaks, holidays and make-up working days.
         */
        get: operations["getSlaPoliciesByKeyPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open tickets by SLA state per unit, soonest due, met-rate today */
        get: operations["getSlaBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/board/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The SLA board: open tickets per unit, policy and reconnection tier, late timers, today and this month
         * @description The company (see-all roles, with the undispatched) or the caller's own unit (scoped roles).
         */
        get: operations["getSlaBoardOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/board/units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One unit's SLA page: the unit and its subtree */
        get: operations["getSlaBoardUnitsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A mailed survey link: the ticket number and summary
         * @description No login. 404 for a forged or altered link, 410 expired, 409 already answered. The page at /survey/:token uses the same rules.
         */
        get: operations["getSurveysByToken"];
        put?: never;
        /** Answer a mailed survey: the answer is the callback outcome */
        post: operations["postSurveysByToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tickets, newest first, paged by cursor */
        get: operations["getTickets"];
        put?: never;
        /**
         * Accept a contact (受理)
         * @description With `resolve`, the ticket is resolved on the spot (one-call resolution). The same Idempotency-Key returns the same ticket.
         */
        post: operations["postTickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket with its timeline, timers, callbacks and ownership */
        get: operations["getTicketsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Name the person in the unit who works the ticket (null: nobody) */
        post: operations["postTicketsByIdAssign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the callback outcome (回访)
         * @description satisfied → closed; unsatisfied → dispatched again with handling_round + 1; unreachable → another attempt, or closed after the last.
         */
        post: operations["postTicketsByIdCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a dispatched ticket for yourself (接单)
         * @description 409 `claimed_by_other` when someone else works it (a unit head may take it over), `already_claimed` when you do.
         */
        post: operations["postTicketsByIdClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a comment to the timeline */
        post: operations["postTicketsByIdComments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dispatch (派单) to a unit, optionally a person */
        post: operations["postTicketsByIdDispatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/explanation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write (or revise) the case owner's explanation */
        post: operations["postTicketsByIdExplanation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a dispatched ticket on hold (waiting on the customer or on parts)
         * @description Pausable internal SLA timers stop; regulatory ones run on. 409 if already on hold.
         */
        post: operations["postTicketsByIdHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/major-problem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Flag (or unflag) a major service problem (重大服务问题) */
        post: operations["postTicketsByIdMajorProblem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a duplicate complaint into the ticket that carries on (合并工单)
         * @description The ticket in the path is the duplicate (If-Match: its version); it closes with close_reason `merged`. Both timelines record it (merged_into / merged_from), the survivor adds the duplicate's urge count and shows its timeline, and both answer `related`. Same customer only (422 `merge_other_customer`); the survivor must not be closed (422 `merge_target_closed`).
         */
        post: operations["postTicketsByIdMerge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/owner-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the case owner's in-person action (visit, apology, …) */
        post: operations["postTicketsByIdOwnerActions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a ticket back to the unit (its worker or the unit head) */
        post: operations["postTicketsByIdRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the resolution, its cause and the responsibility verdict */
        post: operations["postTicketsByIdResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/unhold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the hold: paused SLA timers resume where they stopped */
        post: operations["postTicketsByIdUnhold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/urge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The caller chases the ticket (催单) instead of a duplicate being opened
         * @description No If-Match: an urge adds to the ticket as it is. Counted in `urge_count`; the N-th (GET /api/settings/urges) makes it urgent and tells the unit head.
         */
        post: operations["postTicketsByIdUrge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dispatch, assign or comment on many tickets: each its own versioned change
         * @description Always 200 with one result per ticket: `ok`, or the status and stable `code` that ticket alone would have got (stale_version, illegal_transition, …).
         */
        post: operations["postTicketsBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tmf621/type-mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How TMF621 ticketType values map to desk types and categories */
        get: operations["getTmf621TypeMapping"];
        /** Set the TMF621 ticketType mapping and its default */
        put: operations["putTmf621TypeMapping"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the unit tree (flat, ordered by path) */
        get: operations["getUnits"];
        put?: never;
        /** Create a unit */
        post: operations["postUnits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, move, or set the head of a unit */
        patch: operations["patchUnitsById"];
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (unit heads: their subtree) */
        get: operations["getUsers"];
        put?: never;
        /** Create a user */
        post: operations["postUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user (role, unit, password, active) */
        patch: operations["patchUsersById"];
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth 2.0 client credentials grant (RFC 6749 §4.4): a bearer token for an API client
         * @description `grant_type=client_credentials`, form-encoded or JSON; the client id and secret in HTTP Basic or in the body. Errors follow RFC 6749 §5.2 (`{error, error_description}`): 400 `invalid_request`, `unsupported_grant_type`, `invalid_scope`; 401 `invalid_client`.
         */
        post: operations["postOauthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiClient: {
            active: boolean;
            client_id: string;
            created_at: string;
            id: number;
            /** @description the last token it was issued */
            last_used_at: string | null;
            name: string;
            /** @description a rotated-out secret still works until then */
            previous_secret_until: string | null;
            scopes: ("tmf621.read" | "tmf621.write" | "tmf621.hub" | "integrations.payments" | "integrations.restorations" | "cti.calls")[];
            unit_ids: number[];
            /** @description the service account the client acts as: timelines and the audit log name it */
            user_id: number;
        };
        ApiClientWithSecret: {
            active: boolean;
            client_id: string;
            /** @description shown once: only its hash is kept */
            client_secret: string;
            created_at: string;
            id: number;
            /** @description the last token it was issued */
            last_used_at: string | null;
            name: string;
            /** @description a rotated-out secret still works until then */
            previous_secret_until: string | null;
            scopes: ("tmf621.read" | "tmf621.write" | "tmf621.hub" | "integrations.payments" | "integrations.restorations" | "cti.calls")[];
            unit_ids: number[];
            /** @description the service account the client acts as: timelines and the audit log name it */
            user_id: number;
        };
        AuditEntry: {
            action: string;
            actor_id: number | null;
            actor_name: string | null;
            at: string;
            /** @description what changed: the input, or {before, after} */
            data: {
                [key: string]: unknown;
            };
            entity: string;
            /** @description the changed row's id or key */
            entity_ref: string | null;
            id: number;
        };
        Calendar: {
            holidays: {
                date: string;
                name: string;
            }[];
            key: string;
            /** @description callback_policy: the callable hours, edited in the callback policy */
            managed_by: "callback_policy" | null;
            name: string;
            timezone: string;
            updated_at: string | null;
            updated_by: number | null;
            weekly: {
                fri: [
                    string,
                    string
                ][];
                mon: [
                    string,
                    string
                ][];
                sat: [
                    string,
                    string
                ][];
                sun: [
                    string,
                    string
                ][];
                thu: [
                    string,
                    string
                ][];
                tue: [
                    string,
                    string
                ][];
                wed: [
                    string,
                    string
                ][];
            };
            working_days: {
                date: string;
                name: string;
            }[];
        };
        CalendarChange: {
            holidays: {
                date: string;
                name: string;
            }[];
            key: string;
            /** @description callback_policy: the callable hours, edited in the callback policy */
            managed_by: "callback_policy" | null;
            /** @description running timers whose due time the change moved */
            moved_timers: number;
            name: string;
            timezone: string;
            updated_at: string | null;
            updated_by: number | null;
            weekly: {
                fri: [
                    string,
                    string
                ][];
                mon: [
                    string,
                    string
                ][];
                sat: [
                    string,
                    string
                ][];
                sun: [
                    string,
                    string
                ][];
                thu: [
                    string,
                    string
                ][];
                tue: [
                    string,
                    string
                ][];
                wed: [
                    string,
                    string
                ][];
            };
            working_days: {
                date: string;
                name: string;
            }[];
        };
        CalendarSummary: {
            holidays: number;
            key: string;
            managed_by: "callback_policy" | null;
            name: string;
            updated_at: string | null;
            working_days: number;
        };
        Callback: {
            assignee_id: number | null;
            attempt: number;
            /** @enum {string} */
            channel: "phone" | "sms" | "ivr";
            done_at: string | null;
            due_at: string;
            handling_round: number;
            id: number;
            note: string | null;
            /** @description no_reply: an automated attempt got no usable answer and went to an agent */
            outcome: ("satisfied" | "unsatisfied" | "unreachable" | "no_reply") | null;
            /**
             * @description automated: an SMS or IVR survey waits for the customer's answer
             * @enum {string}
             */
            state: "scheduled" | "due" | "automated" | "done" | "cancelled";
            ticket_id: number;
        };
        CallbackAgent: {
            active: boolean;
            changed_at: string;
            name: string;
            on_duty: boolean;
            open_callbacks: number;
            user_id: number;
            username: string;
        };
        CallbackAutomation: {
            /** @enum {string} */
            channel: "none" | "sms" | "ivr";
            daily_cap: number;
            ivr: {
                endpoint: string | null;
                /** @description where the platform posts results */
                result_url: string;
                secret_set: boolean;
            };
            reply_wait_seconds: number;
            send_rate_per_second: number;
            sms: {
                /** @description SMPP_URL is set */
                configured: boolean;
                /** @description LOOPDESK_SMS_SOURCE */
                source: string;
            };
            updated_at: string | null;
            updated_by: number | null;
        };
        CallbackChannelFigures: {
            answers: {
                satisfied: number;
                unsatisfied: number;
                /** @enum {string} */
                via: "phone" | "survey" | "sms" | "ivr";
            }[];
            attempts: {
                answer_rate: number | null;
                answered: number;
                attempts: number;
                /** @enum {string} */
                channel: "phone" | "sms" | "ivr";
                no_reply: number;
                replied: number;
                reply_rate: number | null;
                satisfied: number;
            }[];
            definitions: {
                [key: string]: string;
            };
            month: string;
            opt_outs: number;
            settled_by_agent: number;
            settled_without_agent: number;
            sms: {
                delivered: number;
                queued: number;
                sent: number;
                unconfirmed: number;
                undelivered: number;
            };
            timezone: string;
        };
        CallbackFigures: {
            definitions: {
                [key: string]: string;
            };
            from: string;
            items: {
                attempts: number;
                first_answered: number;
                first_satisfied: number;
                first_time_satisfaction: number | null;
                month: string;
                second_answered: number;
                second_satisfied: number;
                second_time_satisfaction: number | null;
                survey_answers: number;
                unit_id: number | null;
                unit_name: string | null;
                unreachable: number;
                unreachable_rate: number | null;
            }[];
            timezone: string;
            to: string;
        };
        CallbackPolicy: {
            callable_hours: {
                from: string;
                timezone: string;
                until: string;
            };
            holiday_calendar: string | null;
            holidays: string[];
            max_attempts: number;
            one_call_resolutions: boolean;
            retry_spacing_seconds: number;
            second_handling_seconds: number;
            survey_ttl_seconds: number;
            ticket_types: ("complaint" | "fault" | "reconnection" | "request")[];
            updated_at: string | null;
            updated_by: number | null;
            window_seconds: number;
        };
        CallbackPreference: {
            channel: ("phone" | "sms" | "ivr") | null;
            customer_id: number;
            /** @enum {string} */
            language: "zh-CN" | "en";
            opted_out: boolean;
            updated_at: string | null;
        };
        CallbackWorkItem: {
            answered_via: ("phone" | "survey" | "sms" | "ivr") | null;
            assignee_id: number | null;
            attempt: number;
            /**
             * @description phone: an agent calls; sms: the SMS survey; ivr: the voice platform calls
             * @enum {string}
             */
            channel: "phone" | "sms" | "ivr";
            customer_name: string | null;
            customer_phone: string;
            customer_requested: boolean;
            done_at: string | null;
            due_at: string;
            handling_round: number;
            id: number;
            /** @description still open after the policy window ended */
            late: boolean;
            note: string | null;
            /** @description no_reply: an automated attempt got no usable answer and went to an agent */
            outcome: ("satisfied" | "unsatisfied" | "unreachable" | "no_reply") | null;
            /** @description a leadership case: the owner duties not yet recorded; the outcome is kept and the case closes once they are */
            owner_duties_missing: ("in_person_action" | "explanation")[];
            /** @enum {string} */
            state: "scheduled" | "due" | "automated" | "done" | "cancelled";
            ticket_id: number;
            ticket_number: string;
            /** @enum {string} */
            ticket_type: "complaint" | "fault" | "reconnection" | "request";
            unit_id: number | null;
            window_ends_at: string | null;
        };
        CaseAnalysisReport: {
            cases: components["schemas"]["ReportCase"][];
            definitions: {
                [key: string]: string;
            };
            kpis: components["schemas"]["ReportKpis"];
            month: string;
            /** @description the scope's targets for the month and whether each was met */
            targets: components["schemas"]["ReportTargets"];
            /** @description null: the whole company */
            unit_id: number | null;
            /** @description every unit in scope, each with the figures of its subtree */
            units: {
                kpis: components["schemas"]["ReportKpis"];
                name: string;
                parent_id: number | null;
                path: string;
                targets: components["schemas"]["ReportTargets"];
                unit_id: number;
            }[];
        };
        Customer: {
            account_no: string | null;
            area: ("city" | "county") | null;
            email: string | null;
            id: number;
            name: string | null;
            phone: string;
            /** @enum {string} */
            tier: "standard" | "vip" | "big_customer";
            /** @description the unit that serves this customer, if known */
            unit_id: number | null;
        };
        Escalation: {
            acknowledged_at: string | null;
            acknowledged_by: number | null;
            id: number;
            /** @description 1 = the head above the case owner, 2 = the next one up, … */
            level: number;
            note: string | null;
            owner_id: number;
            raised_at: string;
            /** @enum {string} */
            reason: "breach" | "inactivity" | "unacknowledged";
            recipient_id: number;
            ticket_id: number;
            /** @description in lists: the ticket number people read */
            ticket_number?: string;
            unit_id: number;
        };
        EscalationPolicy: {
            inactivity_seconds: number;
            step_seconds: number;
            updated_at: string;
        };
        FeedBatchResult: {
            accepted: number;
            duplicate: number;
            rejected: number;
            results: {
                /** @description rejected: which field and why */
                errors: {
                    message: string;
                    path: string;
                }[];
                external_id: string | null;
                /** @description position in the batch */
                index: number;
                /** @description payments: watch_opened / joined_watch / recorded; suspensions: notified / suspended / suspended_without_notice; restorations: closed / callback / no_watch */
                outcome: string | null;
                /** @enum {string} */
                result: "accepted" | "duplicate" | "rejected";
                /** @description the reconnection watch the event opened, joined or closed */
                ticket_id: number | null;
            }[];
        };
        HubDelivery: {
            attempts: number;
            created_at: string;
            delivered_at: string | null;
            event_id: string;
            event_type: string;
            id: number;
            last_error: string | null;
            /** @description the HTTP status of the last attempt; null: no answer */
            last_status: number | null;
            next_attempt_at: string | null;
            /** @enum {string} */
            state: "pending" | "delivered" | "abandoned";
            ticket_id: number;
        };
        HubSubscription: {
            callback: string;
            created_at: string;
            delivered: number;
            failing_since: string | null;
            id: number;
            pending: number;
            query: string | null;
            /**
             * @description suspended: it failed for the give-up window (LOOPDESK_HUB_GIVE_UP_SECONDS); resume it to send what waited
             * @enum {string}
             */
            state: "active" | "suspended";
            suspended_at: string | null;
            /** @enum {string} */
            version: "v4" | "v5";
        };
        ImportResult: {
            /** @description rows whose key was new (dry run: would be created) */
            created: number;
            dry_run: boolean;
            /** @description the import batch (null for a dry run) */
            id: number | null;
            /** @enum {string} */
            kind: "units" | "users" | "customers";
            /** @description this file (or Idempotency-Key) was imported before: nothing was written again */
            replayed: boolean;
            rows: number;
            /** @description rows that matched what is stored already */
            unchanged: number;
            /** @description rows whose key existed and whose values changed (dry run: whose key exists) */
            updated: number;
        };
        Incident: {
            category: string | null;
            cause: string | null;
            created_at: string;
            /** @description null when a supervisor made it by hand */
            detector_key: string | null;
            /** @description 解释口径: what agents tell callers */
            explanation_wording: string | null;
            id: number;
            /** @description head of the responsible unit (or the nearest above) */
            owner_id: number | null;
            /** @enum {string} */
            status: "open" | "resolved";
            ticket_count: number;
            title: string;
            /** @description the responsible unit */
            unit_id: number;
            updated_at: string;
        };
        MailRetried: {
            id: number;
            /**
             * @description waiting for the mail worker, which sends it within a second or two
             * @constant
             */
            status: "pending";
        };
        MassComplaintDetector: {
            enabled: boolean;
            key: string;
            /** @enum {string} */
            match_on: "category_area" | "cause";
            name: string;
            threshold: number;
            ticket_types: string[];
            window_seconds: number;
        };
        NotificationSettings: {
            /** @description also as a desktop notification (the browser asks the user first) */
            desktop: boolean;
            /** @description dispatched: a ticket dispatched to my unit or me; callback_due: a callback due to me; escalation: raised to me; sla_warning: on my tickets */
            kinds: {
                callback_due: boolean;
                dispatched: boolean;
                escalation: boolean;
                sla_warning: boolean;
            };
            /** @description with a short sound */
            sound: boolean;
        };
        OAuthError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";
            error_description?: string;
        };
        OAuthToken: {
            access_token: string;
            expires_in: number;
            scope: string;
            /** @constant */
            token_type: "Bearer";
        };
        Ownership: {
            actions: {
                actor_id: number;
                at: string;
                id: number;
                kind: string;
                note: string;
                recorded_at: string;
            }[];
            assigned_at: string;
            /** @description each level the case went up to (逐级汇报), and whether that leader acknowledged */
            escalations: {
                acknowledged_at: string | null;
                id: number;
                level: number;
                raised_at: string;
                reason: string;
                recipient_id: number;
                unit_id: number;
            }[];
            explanation: string | null;
            explanation_at: string | null;
            /** @description what the owner must still record before the case can close */
            missing: ("in_person_action" | "explanation")[];
            owner_id: number;
            owner_name: string | null;
            /** @description the first matching rule key */
            reason: string;
            /** @description every matching ownership rule */
            reasons: string[];
            /** @description the unit whose head owns the case */
            unit_id: number;
        };
        OwnershipRule: {
            enabled: boolean;
            key: string;
            match: {
                [key: string]: string[];
            };
            name: string;
        };
        ParkedMail: {
            attempts: number;
            /** @description when the mail was decided */
            created_at: string;
            /** @description the mail server's refusal, as it said it */
            error: string | null;
            id: number;
            /** @description the mail kind, e.g. ownership.assigned, callback.survey */
            kind: string;
            /** @description what the mail announces, e.g. `ownership:42` */
            notification_id: string;
            recipient: string;
            subject: string;
            ticket_id: number | null;
            ticket_number: string | null;
        };
        ParkedMailPage: {
            items: components["schemas"]["ParkedMail"][];
            /** @description pass as `before` for the next page; null on the last */
            next_before: number | null;
        };
        Person: {
            /** @description inactive people still name their past actions */
            active: boolean;
            id: number;
            name: string;
            /** @enum {string} */
            role: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
            unit_id: number | null;
            unit_name: string | null;
        };
        /** @description RFC 9457 problem details (application/problem+json) */
        Problem: {
            /** @description a stable code where clients branch on the cause, e.g. stale_version, illegal_transition, duplicate */
            code?: string;
            detail: string;
            /** @description 400: one entry per bad field; 422 of a file import: one per bad value, with its line */
            errors?: {
                /** @description a file import: the column of the bad value */
                field?: string;
                /** @description a file import: the line (CSV) or row (XLSX) of the bad value */
                line?: number;
                message: string;
                path: string;
            }[];
            /** @description the X-Request-Id of the request: every log line of it carries the same id */
            request_id?: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        ReconnectionQueue: {
            generated_at: string;
            /** @description by tier, then by the 2-hour due time */
            items: {
                account_no: string;
                /** @enum {string} */
                area: "city" | "county";
                channel: string;
                /** @description payment, or the bank confirmation */
                clock_from: string;
                customer_name: string | null;
                internal_due_at: string;
                number: string;
                paid_at: string;
                phone: string;
                regulatory_due_at: string;
                /** @enum {string} */
                state: "ok" | "internal_breached" | "regulatory_breached";
                ticket_id: number;
                tier: number | null;
                urge_count: number;
            }[];
            next_cursor: string | null;
            /** @description open watches per tier */
            tiers: {
                internal_breached: number;
                open: number;
                regulatory_breached: number;
                soonest_due_at: string | null;
                tier: number | null;
            }[];
        };
        Rectification: {
            created_at: string;
            created_by: number;
            description: string;
            done: boolean;
            done_at: string | null;
            done_by: number | null;
            done_note: string | null;
            due_on: string;
            evidence: string | null;
            id: number;
            overdue: boolean;
            owner_id: number;
            owner_name: string;
            ticket_id: number;
        };
        RectificationListItem: {
            /** @description created before the month and still open at its start */
            carried_over: boolean;
            created_at: string;
            created_by: number;
            description: string;
            done: boolean;
            done_at: string | null;
            done_by: number | null;
            done_note: string | null;
            due_on: string;
            evidence: string | null;
            id: number;
            overdue: boolean;
            owner_id: number;
            owner_name: string;
            ticket_id: number;
            ticket_number: string;
            unit_id: number | null;
            unit_name: string | null;
        };
        ReplyTemplate: {
            active: boolean;
            body_en: string;
            body_zh: string;
            /** @description null: every category */
            category: ("service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other") | null;
            id: number;
            name: string;
            /**
             * @description where it is offered: description (intake), resolution (resolve / feedback), comment
             * @enum {string}
             */
            purpose: "description" | "resolution" | "comment";
            /** @description with ticket_id: the bodies with the placeholders filled from that ticket (unknown values stay as placeholders) */
            rendered?: {
                en: string;
                zh: string;
            };
            /** @description null: every type */
            ticket_type: ("complaint" | "fault" | "reconnection" | "request") | null;
            updated_at: string;
            version: number;
        };
        ReportCase: {
            accepted_at: string;
            category: string;
            cause: string | null;
            channel: string;
            /** @description what happened */
            description: string;
            handling_round: number;
            kinds: ("responsibility" | "service_attitude" | "marked")[];
            number: string;
            /** @description the unit head's in-person actions and written explanation (领导包案) */
            ownership: {
                actions: {
                    actor_id: number;
                    at: string;
                    kind: string;
                    note: string;
                }[];
                active: boolean;
                explanation: string | null;
                explanation_at: string | null;
                owner_id: number;
                owner_name: string;
                reasons: string[];
            } | null;
            rectifications: components["schemas"]["Rectification"][];
            /** @description what was done */
            resolution: string | null;
            resolved_at: string | null;
            responsibility: string | null;
            review: {
                analysis: string | null;
                conclusion: string | null;
                discuss: boolean;
                example: ("typical" | "good" | "bad") | null;
                month: string;
                updated_at: string;
                updated_by: number | null;
            } | null;
            status: string;
            ticket_id: number;
            type: string;
            unit_id: number | null;
            unit_name: string | null;
        };
        ReportKpis: {
            avg_handling_days: number | null;
            complaints: number;
            fault_report_rate: number | null;
            fault_reports: number;
            first_time_satisfaction: number | null;
            over_level_complaints: number;
            reconnect_2h_rate: number | null;
            reconnect_24h_rate: number | null;
            reconnections: number;
            reconnections_restored: number;
            requests: number;
            resolved: number;
            responsibility_complaints: number;
            responsibility_complaints_change_prev_month_pct: number | null;
            responsibility_complaints_change_prev_year_pct: number | null;
            responsibility_complaints_prev_month: number;
            responsibility_complaints_prev_year: number;
            second_time_satisfaction: number | null;
            subscribers: number;
            tickets: number;
            timely_rate: number | null;
            unreachable_rate: number | null;
        };
        ReportTargets: {
            [key: string]: {
                /**
                 * @description max: the figure must not exceed the target; min: must reach it
                 * @enum {string}
                 */
                direction: "max" | "min";
                from_month: string;
                /** @description null: no figure this month */
                met: boolean | null;
                /** @description the unit whose target applies (inherited from an ancestor when not this one); null: the company */
                source_unit_id: number | null;
                target: number;
            };
        };
        RingingCall: {
            agent_id: number;
            at: string;
            call_id: string;
            caller: string;
            /** @description the caller as a known customer; null for a new caller */
            customer_id: number | null;
            id: number;
        };
        SignedIn: {
            /** @description what this user may do (the server checks the same on every call): the console offers only these */
            actions: ("session.read" | "units.read" | "units.write" | "users.read" | "users.write" | "imports.write" | "directory.read" | "customers.read" | "customers.write" | "tickets.read" | "tickets.create" | "tickets.dispatch" | "tickets.resolve" | "tickets.callback" | "tickets.comment" | "callbacks.read" | "callbacks.reschedule" | "callbacks.policy.read" | "callbacks.policy.write" | "callbacks.agents.read" | "callbacks.duty" | "callbacks.figures" | "callbacks.preference" | "tickets.hold" | "tickets.claim" | "tickets.assign" | "tickets.bulk" | "tickets.urge" | "tickets.merge" | "templates.read" | "templates.write" | "causes.read" | "causes.write" | "urges.settings.read" | "urges.settings.write" | "cti.calls" | "integrations.upload" | "reconnection.queue" | "notifications.settings" | "sla.read" | "sla.policies.write" | "ownership.rules.read" | "ownership.rules.write" | "ownership.act" | "ownership.flag" | "ownership.mine" | "reports.read" | "reports.review" | "reports.rectify" | "reports.subscribers" | "audit.read" | "reports.targets" | "incidents.read" | "incidents.manage" | "incidents.link" | "incidents.attach" | "incidents.detectors.read" | "incidents.detectors.write" | "escalations.ack" | "escalations.policy.read" | "escalations.policy.write" | "mail.parked.read" | "mail.retry" | "clients.read" | "clients.write")[];
            id: number;
            must_change_password: boolean;
            name: string;
            /** @enum {string} */
            role: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
            unit_id: number | null;
            username: string;
        };
        SlaBoard: {
            generated_at: string;
            met_today: {
                met: number;
                on_time: number;
                rate: number | null;
            };
            soonest: {
                due_at: string;
                policy_key: string;
                ticket_id: number;
                unit_id: number | null;
            }[];
            totals: {
                breached: number;
                ok: number;
                warning: number;
            };
            /** @description open tickets by their worst open timer */
            units: {
                breached: number;
                name: string | null;
                ok: number;
                soonest_due_at: string | null;
                /** @description null: accepted, not yet dispatched */
                unit_id: number | null;
                warning: number;
            }[];
        };
        SlaBoardView: {
            /** @description the viewed unit and those above it that the caller may see, top first */
            breadcrumb: {
                id: number;
                name: string;
            }[];
            generated_at: string;
            /** @description today by local hour (0–23) in LOOPDESK_TIMEZONE */
            hourly: {
                breached: number;
                hour: number;
                met: number;
                on_time: number;
            }[];
            /** @description open timers in warning or breached, breached first and longest late first (at most 100 listed) */
            late: {
                breached: number;
                items: {
                    assignee_id: number | null;
                    assignee_name: string | null;
                    breached_at: string | null;
                    /** @description projected breach; null while paused */
                    due_at: string | null;
                    /** @description how long past its limit (breached timers) */
                    late_seconds: number | null;
                    number: string;
                    /** @description the leadership case owner, if the ticket is a case */
                    owner_id: number | null;
                    owner_name: string | null;
                    policy_key: string;
                    /** @description the policy's current name */
                    policy_name: string;
                    /** @description a regulator's limit, not an internal target */
                    regulatory: boolean;
                    /** @description until its limit (running timers) */
                    remaining_seconds: number | null;
                    /** @enum {string} */
                    state: "running" | "paused" | "warning" | "breached";
                    ticket_id: number;
                    tier: number | null;
                    timer_id: number;
                    type: string;
                    unit_id: number | null;
                    unit_name: string | null;
                }[];
                warning: number;
            };
            month: {
                /** @description timers that breached in the period */
                breached: number;
                /** @description timers stopped by their goal in the period */
                met: number;
                /** @description of those, stopped before their limit */
                on_time: number;
                /** @description on_time ÷ met; null when nothing was met */
                rate: number | null;
            };
            /** @description open timers per policy by state: regulatory limits first */
            policies: {
                breached: number;
                name: string;
                ok: number;
                policy_key: string;
                regulatory: boolean;
                target_seconds: number;
                warning: number;
            }[];
            /** @description running timers not yet breached, soonest due first */
            soonest: {
                assignee_id: number | null;
                assignee_name: string | null;
                breached_at: string | null;
                /** @description projected breach; null while paused */
                due_at: string | null;
                /** @description how long past its limit (breached timers) */
                late_seconds: number | null;
                number: string;
                /** @description the leadership case owner, if the ticket is a case */
                owner_id: number | null;
                owner_name: string | null;
                policy_key: string;
                /** @description the policy's current name */
                policy_name: string;
                /** @description a regulator's limit, not an internal target */
                regulatory: boolean;
                /** @description until its limit (running timers) */
                remaining_seconds: number | null;
                /** @enum {string} */
                state: "running" | "paused" | "warning" | "breached";
                ticket_id: number;
                tier: number | null;
                timer_id: number;
                type: string;
                unit_id: number | null;
                unit_name: string | null;
            }[];
            /** @description reconnection work by payment channel × area, for each tiered policy */
            tiers: {
                cells: {
                    /** @enum {string} */
                    area: "city" | "county";
                    breached: number;
                    ok: number;
                    payment_channel: string | null;
                    soonest_due_at: string | null;
                    tier: number | null;
                    warning: number;
                }[];
                name: string;
                policy_key: string;
            }[];
            /** @description open tickets by worst timer; the queue link of a tile is unit_id (+ subtree=false for self, no_unit=true for undispatched) and sla_state */
            tiles: {
                breached: number;
                has_children: boolean;
                /**
                 * @description unit: a child unit and its subtree; self: tickets on the viewed unit itself; undispatched: no unit yet
                 * @enum {string}
                 */
                kind: "unit" | "self" | "undispatched";
                name: string | null;
                ok: number;
                soonest_due_at: string | null;
                unit_id: number | null;
                warning: number;
            }[];
            today: {
                /** @description timers that breached in the period */
                breached: number;
                /** @description timers stopped by their goal in the period */
                met: number;
                /** @description of those, stopped before their limit */
                on_time: number;
                /** @description on_time ÷ met; null when nothing was met */
                rate: number | null;
            };
            /** @description open tickets by their worst open timer */
            totals: {
                breached: number;
                ok: number;
                warning: number;
            };
            /** @description the viewed unit; null: every top-level unit */
            unit: {
                id: number;
                name: string;
            } | null;
        };
        SlaPolicy: {
            /** @default true */
            active: boolean;
            /**
             * @description the customer's area (city when unknown)
             * @default null
             */
            area: ("city" | "county") | null;
            /** @default null */
            category: ("service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other") | null;
            /**
             * @description 'wall', or the key of a working calendar (business, callable)
             * @default wall
             */
            clock: string;
            /** @default null */
            customer_tier: ("standard" | "vip" | "big_customer") | null;
            escalate_on_breach: boolean;
            key: string;
            name: string;
            /**
             * @description stops while the ticket is on hold; never for regulatory limits
             * @default false
             */
            pausable: boolean;
            /** @default null */
            payment_channel: ("counter" | "bank" | "card" | "online" | "prepaid_card" | "agent") | null;
            regulatory: boolean;
            /**
             * @default [
             *       "accepted"
             *     ]
             */
            start_on: ("accepted" | "paid" | "resolved" | "reopened")[];
            /**
             * @default [
             *       "resolved"
             *     ]
             */
            stop_on: ("dispatched" | "resolved" | "reopened" | "closed")[];
            target_seconds: number;
            /** @description null: every type (e.g. big customers) */
            ticket_type: ("complaint" | "fault" | "reconnection" | "request") | null;
            /**
             * @description work order by payment channel × area (reconnection)
             * @default null
             */
            tiers: {
                /** @enum {string} */
                area: "city" | "county";
                /** @enum {string} */
                payment_channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                tier: number;
            }[] | null;
            updated_at: string;
            updated_by: number | null;
            version: number;
            /** @default [] */
            warn_at: number[];
        };
        SlaPolicyPreview: {
            clock: string;
            due_at: string;
            policy_key: string;
            started_at: string;
            target_seconds: number;
            tier: number | null;
            warn_at: string[];
        };
        SlaSummary: {
            /** @description the first breach, when one has */
            breached_at: string | null;
            /** @description the soonest breach among running timers; null when paused or every timer breached */
            due_at: string | null;
            /** @description while paused: what the soonest timer has left */
            remaining_seconds: number | null;
            /**
             * @description paused: every open timer is stopped by a hold
             * @enum {string}
             */
            state: "ok" | "warning" | "breached" | "paused";
        };
        SlaTimer: {
            breached_at: string | null;
            clock: string;
            /** @description while paused: when it would fall due if resumed now */
            due_at: string;
            elapsed_seconds: number;
            handling_round: number;
            id: number;
            met_on_time: boolean | null;
            name: string;
            pausable: boolean;
            policy_key: string;
            policy_version: number;
            regulatory: boolean;
            /** @description negative once breached */
            remaining_seconds: number;
            /** @description counted intervals; gaps are holds */
            segments: {
                end: string | null;
                start: string;
            }[];
            started_at: string;
            /** @enum {string} */
            state: "running" | "paused" | "warning" | "breached" | "met" | "cancelled";
            stopped_at: string | null;
            target_seconds: number;
            tier: number | null;
            warnings: {
                at: string;
                fired_at: string;
                fraction: number;
            }[];
        };
        Survey: {
            expires_at: string;
            summary: string;
            ticket_number: string;
        };
        Ticket: {
            accepted_by: number;
            assignee_id: number | null;
            /** @description the call the ticket was accepted on, from the phone system */
            call_id: string | null;
            /** @enum {string} */
            category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
            cause: string | null;
            /** @description the cause picked from the cause tree at resolution */
            cause_id: number | null;
            /**
             * @description system: opened by a feed (a billing payment)
             * @enum {string}
             */
            channel: "hotline" | "counter" | "web" | "letter" | "regulator" | "system";
            /** @description a leadership case kept resolved until its owner records the missing duties; then it closes with this reason */
            close_pending_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
            close_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
            closed_at: string | null;
            created_at: string;
            customer: components["schemas"]["Customer"];
            customer_id: number;
            description: string;
            dispatched_at: string | null;
            /** @description 1 for the first handling, 2 after an unsatisfied callback, … */
            handling_round: number;
            id: number;
            /** @description a duplicate closed as merged: the ticket that carries on */
            merged_into_id: number | null;
            /** @description human-readable, e.g. TS20261125-0001 */
            number: string;
            /** @description waiting on the customer or on parts: pausable internal SLA timers are stopped */
            on_hold: boolean;
            one_call_resolution: boolean;
            payment: {
                /** @enum {string} */
                channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                /** @description bank transfers: the bank confirmation time */
                confirmed_at: string | null;
                paid_at: string;
                /** @description the reconnection tier (1 first) the SLA policy put the ticket in by payment channel × area */
                tier: number | null;
            } | null;
            /** @enum {string} */
            priority: "normal" | "urgent";
            resolution: string | null;
            resolved_at: string | null;
            responsibility: ("company" | "customer" | "third_party" | "none") | null;
            /** @enum {string} */
            status: "accepted" | "dispatched" | "resolved" | "closed";
            /** @enum {string} */
            type: "complaint" | "fault" | "reconnection" | "request";
            unit_id: number | null;
            updated_at: string;
            /** @description how many times the caller chased it (催单) */
            urge_count: number;
            version: number;
        };
        TicketCause: {
            /** @description false: kept for the tickets that name it, no longer offered */
            active: boolean;
            /** @enum {string} */
            category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
            id: number;
            /** @description some ticket names it: its names are fixed (deactivate it and add a new one instead) */
            in_use: boolean;
            name_en: string;
            name_zh: string;
            /** @description null: a cause; else the cause this sub-cause belongs to */
            parent_id: number | null;
            /** @description order among its siblings */
            position: number;
        };
        TicketDetail: {
            accepted_by: number;
            assignee_id: number | null;
            /** @description the call the ticket was accepted on, from the phone system */
            call_id: string | null;
            callbacks: components["schemas"]["Callback"][];
            /** @enum {string} */
            category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
            cause: string | null;
            /** @description the cause picked from the cause tree at resolution */
            cause_id: number | null;
            /** @description cause → sub-cause, as picked at resolution; empty when none */
            cause_path: {
                id: number;
                name_en: string;
                name_zh: string;
            }[];
            /**
             * @description system: opened by a feed (a billing payment)
             * @enum {string}
             */
            channel: "hotline" | "counter" | "web" | "letter" | "regulator" | "system";
            /** @description a leadership case kept resolved until its owner records the missing duties; then it closes with this reason */
            close_pending_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
            close_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
            closed_at: string | null;
            created_at: string;
            customer: components["schemas"]["Customer"];
            customer_id: number;
            description: string;
            dispatched_at: string | null;
            /** @description the timeline, oldest first */
            events: {
                actor_id: number | null;
                /** @description who acted; null for the system (timers, the customer answering a survey) */
                actor_name: string | null;
                at: string;
                data: {
                    [key: string]: unknown;
                };
                id: number;
                /** @description on a survivor: the duplicate merged into it whose timeline this event comes from */
                source?: {
                    number: string;
                    ticket_id: number;
                } | null;
                /** @enum {string} */
                type: "accepted" | "dispatched" | "redispatched" | "resolved" | "closed" | "reopened" | "awaiting_owner" | "callback_unreachable" | "held" | "unheld" | "claimed" | "released" | "assigned" | "urged" | "comment" | "merged_into" | "merged_from" | "cancelled" | "amended" | "payment_received" | "restored" | "callback_scheduled" | "callback_due" | "callback_rescheduled" | "callback_reassigned" | "callback_survey_offered" | "callback_automated" | "callback_handed_to_agent" | "callback_late_reply" | "second_handling_started" | "second_handling_overdue" | "ownership_assigned" | "ownership_transferred" | "ownership_released" | "owner_action" | "owner_explanation" | "major_problem_flagged" | "major_problem_unflagged" | "escalated" | "escalation_acknowledged" | "escalation_top_reached" | "incident_linked" | "incident_unlinked" | "case_reviewed" | "rectification_added" | "rectification_evidence" | "rectification_done" | "rectification_reopened" | "sla.warning" | "sla.breached";
            }[];
            /** @description 1 for the first handling, 2 after an unsatisfied callback, … */
            handling_round: number;
            id: number;
            /** @description the mass complaint (规模性投诉) this ticket is linked to, with the wording agents give callers */
            incident?: components["schemas"]["Incident"] | null;
            /** @description a duplicate closed as merged: the ticket that carries on */
            merged_into_id: number | null;
            /** @description human-readable, e.g. TS20261125-0001 */
            number: string;
            /** @description waiting on the customer or on parts: pausable internal SLA timers are stopped */
            on_hold: boolean;
            one_call_resolution: boolean;
            /** @description the leadership case (领导包案), if the ticket is one */
            ownership: components["schemas"]["Ownership"] | null;
            payment: {
                /** @enum {string} */
                channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                /** @description bank transfers: the bank confirmation time */
                confirmed_at: string | null;
                paid_at: string;
                /** @description the reconnection tier (1 first) the SLA policy put the ticket in by payment channel × area */
                tier: number | null;
            } | null;
            /** @enum {string} */
            priority: "normal" | "urgent";
            /** @description tickets linked to this one by a merge, both ways */
            related: {
                number: string;
                /**
                 * @description merged_into: this ticket was closed into that one; merged_from: that duplicate was closed into this one
                 * @enum {string}
                 */
                relation: "merged_into" | "merged_from";
                ticket_id: number;
            }[];
            resolution: string | null;
            resolved_at: string | null;
            responsibility: ("company" | "customer" | "third_party" | "none") | null;
            /** @enum {string} */
            status: "accepted" | "dispatched" | "resolved" | "closed";
            /** @description every SLA timer of the ticket, each with its own countdown */
            timers: components["schemas"]["SlaTimer"][];
            /** @enum {string} */
            type: "complaint" | "fault" | "reconnection" | "request";
            unit_id: number | null;
            updated_at: string;
            /** @description how many times the caller chased it (催单) */
            urge_count: number;
            version: number;
        };
        TicketListItem: {
            accepted_by: number;
            assignee_id: number | null;
            /** @description the call the ticket was accepted on, from the phone system */
            call_id: string | null;
            /** @enum {string} */
            category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
            cause: string | null;
            /** @description the cause picked from the cause tree at resolution */
            cause_id: number | null;
            /**
             * @description system: opened by a feed (a billing payment)
             * @enum {string}
             */
            channel: "hotline" | "counter" | "web" | "letter" | "regulator" | "system";
            /** @description a leadership case kept resolved until its owner records the missing duties; then it closes with this reason */
            close_pending_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
            close_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
            closed_at: string | null;
            created_at: string;
            customer: components["schemas"]["Customer"];
            customer_id: number;
            description: string;
            dispatched_at: string | null;
            /** @description 1 for the first handling, 2 after an unsatisfied callback, … */
            handling_round: number;
            id: number;
            /** @description a duplicate closed as merged: the ticket that carries on */
            merged_into_id: number | null;
            /** @description human-readable, e.g. TS20261125-0001 */
            number: string;
            /** @description waiting on the customer or on parts: pausable internal SLA timers are stopped */
            on_hold: boolean;
            one_call_resolution: boolean;
            payment: {
                /** @enum {string} */
                channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                /** @description bank transfers: the bank confirmation time */
                confirmed_at: string | null;
                paid_at: string;
                /** @description the reconnection tier (1 first) the SLA policy put the ticket in by payment channel × area */
                tier: number | null;
            } | null;
            /** @enum {string} */
            priority: "normal" | "urgent";
            resolution: string | null;
            resolved_at: string | null;
            responsibility: ("company" | "customer" | "third_party" | "none") | null;
            /** @description null: no open SLA timer */
            sla: components["schemas"]["SlaSummary"] | null;
            /** @enum {string} */
            status: "accepted" | "dispatched" | "resolved" | "closed";
            /** @enum {string} */
            type: "complaint" | "fault" | "reconnection" | "request";
            unit_id: number | null;
            updated_at: string;
            /** @description how many times the caller chased it (催单) */
            urge_count: number;
            version: number;
        };
        TmfTypeMapping: {
            /** @description what an unknown ticketType becomes (the ticketType itself is kept and returned as given) */
            default: {
                /** @enum {string} */
                category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                /** @enum {string} */
                type: "complaint" | "fault" | "request";
            };
            /** @description TMF ticketType (case-insensitive) → desk type and category */
            types: {
                [key: string]: {
                    /** @enum {string} */
                    category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                    /** @enum {string} */
                    type: "complaint" | "fault" | "request";
                };
            };
        };
        Unit: {
            /** @description inactive units keep their history but take no new work */
            active: boolean;
            /** @enum {string} */
            area: "city" | "county";
            code: string;
            head_user_id: number | null;
            id: number;
            name: string;
            parent_id: number | null;
            /** @description materialised path of ids from the root, e.g. /1/4/ */
            path: string;
            /** @description subscriber lines served, the denominator of the fault-report rate */
            subscribers: number;
        };
        UrgeSettings: {
            /** @description the urge count that makes a ticket urgent and tells the unit head; 0: never */
            escalate_after: number;
        };
        User: {
            active: boolean;
            email: string | null;
            id: number;
            /** @description the last successful sign-in */
            last_sign_in_at: string | null;
            /** @description an admin reset the password: the user must choose a new one before anything else */
            must_change_password: boolean;
            name: string;
            /** @enum {string} */
            role: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
            unit_id: number | null;
            username: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAuditLog: {
        parameters: {
            query?: {
                actor_id?: number;
                cursor?: string;
                /** @description comma-separated entities */
                entity?: string;
                /** @description the changed row's id or key (a calendar's key, a user's id) */
                entity_ref?: string;
                /** @description csv: UTF-8 with BOM, for Excel */
                format?: "json" | "csv";
                from?: string;
                limit?: number;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of audit entries; `format=csv`: the same page as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEntry"][];
                        next_cursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "agent01",
                 *       "password": "demo12345"
                 *     }
                 */
                "application/json": {
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description a bearer token and the user with what they may do; with `must_change_password` every other call answers 403 `password_change_required` until `POST /api/auth/password` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        expires_at: string;
                        must_change_password: boolean;
                        token: string;
                        user: {
                            /** @description what this user may do (the server checks the same on every call): the console offers only these */
                            actions: ("session.read" | "units.read" | "units.write" | "users.read" | "users.write" | "imports.write" | "directory.read" | "customers.read" | "customers.write" | "tickets.read" | "tickets.create" | "tickets.dispatch" | "tickets.resolve" | "tickets.callback" | "tickets.comment" | "callbacks.read" | "callbacks.reschedule" | "callbacks.policy.read" | "callbacks.policy.write" | "callbacks.agents.read" | "callbacks.duty" | "callbacks.figures" | "callbacks.preference" | "tickets.hold" | "tickets.claim" | "tickets.assign" | "tickets.bulk" | "tickets.urge" | "tickets.merge" | "templates.read" | "templates.write" | "causes.read" | "causes.write" | "urges.settings.read" | "urges.settings.write" | "cti.calls" | "integrations.upload" | "reconnection.queue" | "notifications.settings" | "sla.read" | "sla.policies.write" | "ownership.rules.read" | "ownership.rules.write" | "ownership.act" | "ownership.flag" | "ownership.mine" | "reports.read" | "reports.review" | "reports.rectify" | "reports.subscribers" | "audit.read" | "reports.targets" | "incidents.read" | "incidents.manage" | "incidents.link" | "incidents.attach" | "incidents.detectors.read" | "incidents.detectors.write" | "escalations.ack" | "escalations.policy.read" | "escalations.policy.write" | "mail.parked.read" | "mail.retry" | "clients.read" | "clients.write")[];
                            active: boolean;
                            email: string | null;
                            id: number;
                            /** @description the last successful sign-in */
                            last_sign_in_at: string | null;
                            /** @description an admin reset the password: the user must choose a new one before anything else */
                            must_change_password: boolean;
                            name: string;
                            /** @enum {string} */
                            role: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
                            unit_id: number | null;
                            username: string;
                        };
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description wrong username or password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many attempts */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the signed-in user and what they may do */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedIn"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    /** @description at least 10 characters, not a common password, not containing the username */
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description a fresh token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        expires_at: string;
                        token: string;
                    };
                };
            };
            /** @description the current password is wrong, or the new one breaks the policy (`code: weak_password`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCalendars: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CalendarSummary"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCalendarsByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCalendarsByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description local dates on which the calendar does not run
                     * @default []
                     */
                    holidays?: {
                        /**
                         * Format: date
                         * @description a local date 'YYYY-MM-DD' in the desk's time zone
                         */
                        date: string;
                        /** @default  */
                        name?: string;
                    }[];
                    name: string;
                    /** @description working periods per weekday in local time; several a day for a lunch break; [] for a day off */
                    weekly: {
                        fri: [
                            string,
                            string
                        ][];
                        mon: [
                            string,
                            string
                        ][];
                        sat: [
                            string,
                            string
                        ][];
                        sun: [
                            string,
                            string
                        ][];
                        thu: [
                            string,
                            string
                        ][];
                        tue: [
                            string,
                            string
                        ][];
                        wed: [
                            string,
                            string
                        ][];
                    };
                    /**
                     * @description make-up working days (调休): worked with the hours of an ordinary working day
                     * @default []
                     */
                    working_days?: {
                        /**
                         * Format: date
                         * @description a local date 'YYYY-MM-DD' in the desk's time zone
                         */
                        date: string;
                        /** @default  */
                        name?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarChange"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarChange"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCalendarsByKeyImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the file's text; kind is holiday (休) or working_day (班) */
                    content: string;
                    /**
                     * @description csv: a header row `date,kind,name`; json: an array of {date, kind, name}
                     * @enum {string}
                     */
                    format: "csv" | "json";
                    /**
                     * @description merge: add to and overwrite the listed dates; replace: the file is the whole list
                     * @default merge
                     * @enum {string}
                     */
                    mode?: "merge" | "replace";
                };
            };
        };
        responses: {
            /** @description imported */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holidays: {
                            date: string;
                            name: string;
                        }[];
                        imported: {
                            holidays: number;
                            working_days: number;
                        };
                        key: string;
                        /** @description callback_policy: the callable hours, edited in the callback policy */
                        managed_by: "callback_policy" | null;
                        /** @description running timers whose due time the change moved */
                        moved_timers: number;
                        name: string;
                        timezone: string;
                        updated_at: string | null;
                        updated_by: number | null;
                        weekly: {
                            fri: [
                                string,
                                string
                            ][];
                            mon: [
                                string,
                                string
                            ][];
                            sat: [
                                string,
                                string
                            ][];
                            sun: [
                                string,
                                string
                            ][];
                            thu: [
                                string,
                                string
                            ][];
                            tue: [
                                string,
                                string
                            ][];
                            wed: [
                                string,
                                string
                            ][];
                        };
                        working_days: {
                            date: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallbacks: {
        parameters: {
            query?: {
                /** @description a user id, `me`, or `none` (not assigned) */
                assignee_id?: "me" | "none" | number;
                cursor?: string;
                limit?: number;
                /** @description due: its time has come (assigned or waiting for an agent); scheduled: later; automated: an SMS or IVR survey waits for the answer */
                state?: "due" | "scheduled" | "automated" | "done" | "cancelled";
                ticket_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CallbackWorkItem"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCallbacksByIdReschedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description the time the customer asked for
                     */
                    at: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description the callback */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackWorkItem"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the callback is done or cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description time out of range */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallbacksAgents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the agents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackAgent"][];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCallbacksAgentsByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    on_duty: boolean;
                };
            };
        };
        responses: {
            /** @description the agent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackAgent"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not an active agent or supervisor */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallbacksAutomation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackAutomation"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCallbacksAutomation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description how the first attempt of a round goes out; none: every attempt is an agent's call
                     * @enum {string}
                     */
                    channel: "none" | "sms" | "ivr";
                    /** @description automated messages or calls one number gets per day at most */
                    daily_cap: number;
                    ivr: {
                        /** @description the voice platform's call-request URL */
                        endpoint: string | null;
                        /** @description shared HMAC secret; omit to keep the current one */
                        secret?: string;
                    };
                    /** @description callable seconds to wait for the answer before an agent takes over */
                    reply_wait_seconds: number;
                    /** @description SMS and call requests sent per second at most */
                    send_rate_per_second: number;
                };
            };
        };
        responses: {
            /** @description the settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackAutomation"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the channel is not configured */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallbacksFigures: {
        parameters: {
            query: {
                from: string;
                to?: string;
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per month and unit */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackFigures"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCallbacksIvrResults: {
        parameters: {
            query?: never;
            header: {
                /** @description sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>"> */
                "x-loopdesk-signature": string;
                /** @description Unix seconds when the platform signed the request */
                "x-loopdesk-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    call_id?: string;
                    /** @description the request_id the desk sent with the call request */
                    request_id: string;
                    /** @enum {string} */
                    result: "pressed_1" | "pressed_2" | "no_answer" | "busy" | "hung_up";
                };
            };
        };
        responses: {
            /** @description recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description false: this result was recorded before */
                        recorded: boolean;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description missing or wrong signature */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such call request */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallbacksPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPolicy"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCallbacksPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description local time in LOOPDESK_TIMEZONE; calls are made in [from, until) */
                    callable_hours: {
                        from: string;
                        until: string;
                    };
                    /** @description the SLA working calendar whose holidays are not callable days (e.g. business), or null */
                    holiday_calendar: string | null;
                    /** @description extra local days without callbacks, on top of the calendar's holidays */
                    holidays: string[];
                    max_attempts: number;
                    /** @description whether tickets resolved on the spot at intake get a callback (complaints always do) */
                    one_call_resolutions: boolean;
                    retry_spacing_seconds: number;
                    /** @description deadline of the second handling after an unsatisfied callback */
                    second_handling_seconds: number;
                    /** @description how long a mailed survey link stays valid */
                    survey_ttl_seconds: number;
                    /** @description ticket types whose resolution is followed by a callback; the others close with close_reason no_callback */
                    ticket_types: ("complaint" | "fault" | "reconnection" | "request")[];
                    /** @description the callback is due within this long after the resolution */
                    window_seconds: number;
                };
            };
        };
        responses: {
            /** @description the policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPolicy"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallbacksPreferencesByCustomerId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customer_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the preference */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPreference"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such customer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCallbacksPreferencesByCustomerId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customer_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description how the customer wants to be called back; null: as the desk decides */
                    channel: ("phone" | "sms" | "ivr") | null;
                    /** @enum {string} */
                    language: "zh-CN" | "en";
                    /** @description no automated surveys to this number (as after a TD reply) */
                    opted_out: boolean;
                };
            };
        };
        responses: {
            /** @description the preference */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPreference"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such customer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCauses: {
        parameters: {
            query?: {
                category?: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                include_inactive?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description causes and sub-causes (parent_id) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TicketCause"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCauses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "category": "billing",
                 *       "name_zh": "套餐变更未生效",
                 *       "name_en": "Plan change not applied"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                    name_en: string;
                    name_zh: string;
                    /** @description a sub-cause: the cause it belongs to (same category; two levels) */
                    parent_id?: number;
                    position?: number;
                };
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketCause"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description parent not an active top-level cause of the category (cause_parent_invalid) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchCausesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    name_en?: string;
                    name_zh?: string;
                    position?: number;
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketCause"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such cause */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description renaming a cause in use (cause_in_use) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getClients: {
        parameters: {
            query?: {
                active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description clients, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ApiClient"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "网管 OSS",
                 *       "scopes": [
                 *         "tmf621.read",
                 *         "tmf621.write",
                 *         "tmf621.hub"
                 *       ],
                 *       "unit_ids": [
                 *         1
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description what the system is, e.g. 网管 OSS (fault tickets) */
                    name: string;
                    /** @description what the client may call */
                    scopes: ("tmf621.read" | "tmf621.write" | "tmf621.hub" | "integrations.payments" | "integrations.restorations" | "cti.calls")[];
                    /** @description the units it acts for: it sees and changes tickets of their subtrees and those it opened */
                    unit_ids: number[];
                };
            };
        };
        responses: {
            /** @description created; `client_secret` is not shown again */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiClientWithSecret"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getClientsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the client */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiClient"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such client */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchClientsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description false deactivates: its tokens stop working at once and its secrets are refused */
                    active?: boolean;
                    name?: string;
                    scopes?: ("tmf621.read" | "tmf621.write" | "tmf621.hub" | "integrations.payments" | "integrations.restorations" | "cti.calls")[];
                    unit_ids?: number[];
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiClient"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such client */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postClientsByIdRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "previous_valid_seconds": 86400
                 *     }
                 */
                "application/json": {
                    /**
                     * @description how long the old secret keeps working beside the new one (0: at once refused)
                     * @default 86400
                     */
                    previous_valid_seconds?: number;
                };
            };
        };
        responses: {
            /** @description the new secret, shown once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiClientWithSecret"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such client */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getClientsByIdSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description subscriptions, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["HubSubscription"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCtiCalls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the agent's username (or user id) whose phone rings */
                    agent: string | number;
                    /** @description the phone system's id of the call: kept on the ticket it produces */
                    call_id: string;
                    /** @description the calling number, as the phone system reports it */
                    caller: string;
                };
            };
        };
        responses: {
            /** @description announced to the agent */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RingingCall"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomers: {
        parameters: {
            query?: {
                account_no?: string;
                limit?: number;
                phone?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description matching customers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Customer"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCustomers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    account_no?: string;
                    /** @enum {string} */
                    area?: "city" | "county";
                    /** Format: email */
                    email?: string;
                    name?: string;
                    phone: string;
                    /** @enum {string} */
                    tier?: "standard" | "vip" | "big_customer";
                    unit_id?: number;
                };
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the phone number is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the customer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomersByIdHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the latest 20 complaints, any status, newest first */
                        complaints: components["schemas"]["Ticket"][];
                        customer: components["schemas"]["Customer"];
                        /** @description tickets not yet closed, newest first */
                        open_tickets: components["schemas"]["Ticket"][];
                        /** @description true when the customer complained within the last repeat_window_days */
                        repeat_complaint: boolean;
                        repeat_window_days: number;
                        /** @description where to dispatch: the customer's own unit (area) on record, else the unit most of their past tickets went to */
                        suggested_unit: {
                            /** @enum {string} */
                            source: "customer_record" | "past_tickets";
                            unit_id: number;
                        } | null;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDirectoryPeople: {
        parameters: {
            query?: {
                /** @description one or more roles, comma-separated */
                role?: string;
                /** @description people of this unit's subtree (e.g. who a ticket can be dispatched to) */
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description people */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Person"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEscalationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationPolicy"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putEscalationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description an owner who records nothing this long after getting the case is escalated */
                    inactivity_seconds: number;
                    /** @description each level has this long to acknowledge before the case goes one level up */
                    step_seconds: number;
                };
            };
        };
        responses: {
            /** @description the policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationPolicy"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEscalations: {
        parameters: {
            query?: {
                limit?: number;
                state?: "pending" | "acknowledged" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Escalation"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postEscalationsByIdAcknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description acknowledged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Escalation"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHubSubscriptionsByIdDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["HubDelivery"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postHubSubscriptionsByIdResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description resumed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postImportsByKind: {
        parameters: {
            query?: {
                /** @description true: check the whole file, write nothing */
                dry_run?: "true" | "false";
            };
            header?: {
                /** @description names this import; without it the file's content hash does */
                "Idempotency-Key"?: string;
            };
            path: {
                kind: "units" | "users" | "customers";
            };
            cookie?: never;
        };
        /** @description the file, at most 256 MB */
        requestBody: {
            content: {
                "application/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description imported (or checked, for a dry run) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the same import is running (`import_in_progress`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the file is larger than 256 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description neither CSV nor XLSX */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description bad rows (`import_rows_invalid`, every bad line in `errors`), or the key was used for another file */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIncidents: {
        parameters: {
            query?: {
                category?: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                status?: "open" | "resolved";
                /** @description incidents of this unit or a unit above it: what a caller from there may be calling about */
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description up to 200 incidents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Incident"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postIncidents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    category?: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                    explanation_wording?: string;
                    /** @default [] */
                    ticket_ids?: number[];
                    title: string;
                    unit_id: number;
                };
            };
        };
        responses: {
            /** @description opened */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        category: string | null;
                        cause: string | null;
                        created_at: string;
                        /** @description null when a supervisor made it by hand */
                        detector_key: string | null;
                        /** @description 解释口径: what agents tell callers */
                        explanation_wording: string | null;
                        id: number;
                        /** @description head of the responsible unit (or the nearest above) */
                        owner_id: number | null;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        ticket_count: number;
                        tickets: {
                            id: number;
                            linked_at: string;
                            linked_by: number | null;
                            number: string;
                            status: string;
                        }[];
                        title: string;
                        /** @description the responsible unit */
                        unit_id: number;
                        updated_at: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description a ticket is already linked elsewhere */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIncidentsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the incident */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        category: string | null;
                        cause: string | null;
                        created_at: string;
                        /** @description null when a supervisor made it by hand */
                        detector_key: string | null;
                        /** @description 解释口径: what agents tell callers */
                        explanation_wording: string | null;
                        id: number;
                        /** @description head of the responsible unit (or the nearest above) */
                        owner_id: number | null;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        ticket_count: number;
                        tickets: {
                            id: number;
                            linked_at: string;
                            linked_by: number | null;
                            number: string;
                            status: string;
                        }[];
                        title: string;
                        /** @description the responsible unit */
                        unit_id: number;
                        updated_at: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchIncidentsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    explanation_wording?: string | null;
                    /** @enum {string} */
                    status?: "open" | "resolved";
                    title?: string;
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        category: string | null;
                        cause: string | null;
                        created_at: string;
                        /** @description null when a supervisor made it by hand */
                        detector_key: string | null;
                        /** @description 解释口径: what agents tell callers */
                        explanation_wording: string | null;
                        id: number;
                        /** @description head of the responsible unit (or the nearest above) */
                        owner_id: number | null;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        ticket_count: number;
                        tickets: {
                            id: number;
                            linked_at: string;
                            linked_by: number | null;
                            number: string;
                            status: string;
                        }[];
                        title: string;
                        /** @description the responsible unit */
                        unit_id: number;
                        updated_at: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postIncidentsByIdTickets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ticket_id: number;
                };
            };
        };
        responses: {
            /** @description the incident */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        category: string | null;
                        cause: string | null;
                        created_at: string;
                        /** @description null when a supervisor made it by hand */
                        detector_key: string | null;
                        /** @description 解释口径: what agents tell callers */
                        explanation_wording: string | null;
                        id: number;
                        /** @description head of the responsible unit (or the nearest above) */
                        owner_id: number | null;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        ticket_count: number;
                        tickets: {
                            id: number;
                            linked_at: string;
                            linked_by: number | null;
                            number: string;
                            status: string;
                        }[];
                        title: string;
                        /** @description the responsible unit */
                        unit_id: number;
                        updated_at: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the ticket is linked to another incident */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteIncidentsByIdTicketsByTicketId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                ticketId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the incident */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        category: string | null;
                        cause: string | null;
                        created_at: string;
                        /** @description null when a supervisor made it by hand */
                        detector_key: string | null;
                        /** @description 解释口径: what agents tell callers */
                        explanation_wording: string | null;
                        id: number;
                        /** @description head of the responsible unit (or the nearest above) */
                        owner_id: number | null;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        ticket_count: number;
                        tickets: {
                            id: number;
                            linked_at: string;
                            linked_by: number | null;
                            number: string;
                            status: string;
                        }[];
                        title: string;
                        /** @description the responsible unit */
                        unit_id: number;
                        updated_at: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postIntegrationsPayments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "external_id": "PAY-20261203-000001",
                 *           "account_no": "DL0411000001",
                 *           "channel": "bank",
                 *           "paid_at": "2026-12-03T09:12:00+08:00",
                 *           "confirmed_at": "2026-12-03T09:40:00+08:00",
                 *           "amount": 58.5,
                 *           "area": "county"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description up to 1000 PaymentEvent objects, each answered on its own */
                    events: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description per event: accepted, duplicate or rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedBatchResult"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postIntegrationsRestorations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description up to 1000 RestorationEvent objects, each answered on its own */
                    events: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description per event: accepted, duplicate or rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedBatchResult"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postIntegrationsSuspensions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description up to 1000 SuspensionEvent objects, each answered on its own */
                    events: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description per event: accepted, duplicate or rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedBatchResult"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMailByIdRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description queued again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailRetried"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such delivery */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the delivery is not parked (`mail_not_parked`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMailParked: {
        parameters: {
            query?: {
                /** @description deliveries older than this id (the previous page's last) */
                before?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of parked deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkedMailPage"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMassComplaintDetectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description all detectors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MassComplaintDetector"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMassComplaintDetectorsByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @description category_area: same category and customer area (unit); cause: same resolution cause
                     * @enum {string}
                     */
                    match_on: "category_area" | "cause";
                    name: string;
                    /** @description at least this many tickets … */
                    threshold: number;
                    /**
                     * @default [
                     *       "complaint",
                     *       "fault"
                     *     ]
                     */
                    ticket_types?: ("complaint" | "fault" | "reconnection" | "request")[];
                    /** @description … created within this many seconds of each other (both ends included) */
                    window_seconds: number;
                };
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassComplaintDetector"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassComplaintDetector"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeNotificationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the switches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMeNotificationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationSettings"];
            };
        };
        responses: {
            /** @description the switches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyCases: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                state?: "open" | "closed" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            accepted_by: number;
                            assignee_id: number | null;
                            /** @description the call the ticket was accepted on, from the phone system */
                            call_id: string | null;
                            /** @enum {string} */
                            category: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                            cause: string | null;
                            /** @description the cause picked from the cause tree at resolution */
                            cause_id: number | null;
                            /**
                             * @description system: opened by a feed (a billing payment)
                             * @enum {string}
                             */
                            channel: "hotline" | "counter" | "web" | "letter" | "regulator" | "system";
                            /** @description a leadership case kept resolved until its owner records the missing duties; then it closes with this reason */
                            close_pending_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
                            close_reason: ("satisfied" | "unreachable" | "no_callback" | "merged" | "cancelled") | null;
                            closed_at: string | null;
                            created_at: string;
                            customer: components["schemas"]["Customer"];
                            customer_id: number;
                            description: string;
                            dispatched_at: string | null;
                            /** @description 1 for the first handling, 2 after an unsatisfied callback, … */
                            handling_round: number;
                            id: number;
                            /** @description a duplicate closed as merged: the ticket that carries on */
                            merged_into_id: number | null;
                            /** @description human-readable, e.g. TS20261125-0001 */
                            number: string;
                            /** @description waiting on the customer or on parts: pausable internal SLA timers are stopped */
                            on_hold: boolean;
                            one_call_resolution: boolean;
                            ownership: components["schemas"]["Ownership"];
                            payment: {
                                /** @enum {string} */
                                channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                                /** @description bank transfers: the bank confirmation time */
                                confirmed_at: string | null;
                                paid_at: string;
                                /** @description the reconnection tier (1 first) the SLA policy put the ticket in by payment channel × area */
                                tier: number | null;
                            } | null;
                            /** @enum {string} */
                            priority: "normal" | "urgent";
                            resolution: string | null;
                            resolved_at: string | null;
                            responsibility: ("company" | "customer" | "third_party" | "none") | null;
                            /** @enum {string} */
                            status: "accepted" | "dispatched" | "resolved" | "closed";
                            /** @enum {string} */
                            type: "complaint" | "fault" | "reconnection" | "request";
                            unit_id: number | null;
                            updated_at: string;
                            /** @description how many times the caller chased it (催单) */
                            urge_count: number;
                            version: number;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnershipRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description all rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["OwnershipRule"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putOwnershipRulesByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    enabled?: boolean;
                    /** @description every listed criterion must hold; within a list, any value matches */
                    match: {
                        categories?: ("service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other")[];
                        channels?: ("hotline" | "counter" | "web" | "letter" | "regulator")[];
                        customer_tiers?: ("standard" | "vip" | "big_customer")[];
                        flags?: ("major_problem" | "mass_complaint")[];
                        types?: ("complaint" | "fault" | "reconnection" | "request")[];
                    };
                    name: string;
                };
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnershipRule"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnershipRule"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOwnershipRulesByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReconnectionQueue: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                tier?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description open watches and the counts per tier */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconnectionQueue"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReplyTemplates: {
        parameters: {
            query?: {
                /** @description templates of this category and those for every category */
                category?: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                include_inactive?: "true" | "false";
                purpose?: "description" | "resolution" | "comment";
                /** @description templates for this ticket's category and type, filled from it */
                ticket_id?: number;
                /** @description templates of this ticket type and those for every type */
                type?: "complaint" | "fault" | "reconnection" | "request";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the templates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ReplyTemplate"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ticket_id: no such ticket in your units */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postReplyTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "话费退还",
                 *       "purpose": "resolution",
                 *       "category": "billing",
                 *       "body_zh": "{customer_name}您好，您反映的多扣费已核实并退还。",
                 *       "body_en": "Dear {customer_name}, the overcharge has been refunded."
                 *     }
                 */
                "application/json": {
                    body_en: string;
                    body_zh: string;
                    /** @default null */
                    category?: ("service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other") | null;
                    name: string;
                    /** @enum {string} */
                    purpose: "description" | "resolution" | "comment";
                    /** @default null */
                    ticket_type?: ("complaint" | "fault" | "reconnection" | "request") | null;
                };
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplyTemplate"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchReplyTemplatesById: {
        parameters: {
            query?: never;
            header: {
                /** @description the template version you edited; stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    body_en?: string;
                    body_zh?: string;
                    category?: ("service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other") | null;
                    name?: string;
                    /** @enum {string} */
                    purpose?: "description" | "resolution" | "comment";
                    ticket_type?: ("complaint" | "fault" | "reconnection" | "request") | null;
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplyTemplate"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such template */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsBreakdown: {
        parameters: {
            query: {
                month: string;
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the breakdown */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description complaints accepted in the month, and responsibility complaints resolved in it, by category */
                        by_category: {
                            category: string;
                            complaints: number;
                            responsibility_complaints: number;
                        }[];
                        /** @description complaints resolved in the month by the cause recorded at resolution (the ten most frequent, the rest as 其他) */
                        by_cause: {
                            cause: string;
                            tickets: number;
                        }[];
                        /** @description complaints resolved in the month by category → cause → sub-cause of the cause tree, most frequent first */
                        by_cause_tree: {
                            active: boolean | null;
                            category: string;
                            /** @description null: resolved without a cause from the tree (before it existed, or a category without one) */
                            cause_id: number | null;
                            name_en: string | null;
                            name_zh: string | null;
                            sub_causes: {
                                active: boolean;
                                cause_id: number;
                                name_en: string;
                                name_zh: string;
                                tickets: number;
                            }[];
                            /** @description this cause and its sub-causes */
                            tickets: number;
                        }[];
                        month: string;
                        unit_id: number | null;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsBulletin: {
        parameters: {
            query: {
                /** @description html: the A4 print layout; pdf: the same page rendered by the server */
                format?: "json" | "html" | "pdf";
                month: string;
                /** @description a unit: its subtree; absent: everything the caller may see */
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the bulletin; `format=html`: a printable page; `format=pdf`: the same page as PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the name of the tree's root unit, printed on every page */
                        company: string;
                        kpis: components["schemas"]["ReportKpis"];
                        /** @description every unit target missed this month */
                        missed: {
                            /** @enum {string} */
                            direction: "max" | "min";
                            /** @enum {string} */
                            kpi: "responsibility_complaints" | "over_level_complaints" | "avg_handling_days" | "timely_rate" | "first_time_satisfaction" | "second_time_satisfaction" | "unreachable_rate" | "fault_report_rate";
                            name: string;
                            target: number;
                            unit_id: number;
                            value: number;
                        }[];
                        month: string;
                        /** @description open and done-this-month rectification items */
                        rectifications: components["schemas"]["RectificationListItem"][];
                        targets: components["schemas"]["ReportTargets"];
                        title: string;
                        unit_id: number | null;
                        units: {
                            cases: components["schemas"]["ReportCase"][];
                            kpis: components["schemas"]["ReportKpis"];
                            name: string;
                            parent_id: number | null;
                            path: string;
                            targets: components["schemas"]["ReportTargets"];
                            unit_id: number;
                        }[];
                    };
                    "application/pdf": string;
                    "text/html": string;
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description format=pdf and no Chromium on the server (code pdf_unavailable) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsCallbackChannels: {
        parameters: {
            query: {
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the month's channel figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackChannelFigures"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsCaseAnalysis: {
        parameters: {
            query: {
                format?: "json" | "csv";
                /** @description CSV header: the figures' names in `lang`, or the machine keys for scripts */
                keys?: "translated" | "machine";
                /** @description language of the CSV header; default from Accept-Language, else zh-CN */
                lang?: "zh-CN" | "en";
                month: string;
                /** @description a unit: its subtree; absent: everything the caller may see */
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report; `format=csv`: its figures as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseAnalysisReport"];
                    "text/csv": string;
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the unit does not exist or is outside your units */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsCasesByTicketId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticketId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportCase"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putReportsCasesByTicketId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticketId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the meeting's analysis: what happened, why, what is corrected */
                    analysis?: string | null;
                    /** @description the meeting's conclusion */
                    conclusion?: string | null;
                    /** @description take the case to the monthly service-analysis meeting */
                    discuss?: boolean;
                    /** @description shown to staff as a typical case, a good or a bad example */
                    example?: ("typical" | "good" | "bad") | null;
                    /** @description the meeting month; default the month the ticket was resolved (or accepted) */
                    month?: string;
                };
            };
        };
        responses: {
            /** @description the case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportCase"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postReportsCasesByTicketIdRectifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticketId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    due_on: string;
                    /** @description the responsible person */
                    owner_id: number;
                };
            };
        };
        responses: {
            /** @description the item */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rectification"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such active owner */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsRecipients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the recipients */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            email: string | null;
                            name: string;
                            /** @description false: no e-mail address, so the bulletin does not reach them */
                            receives: boolean;
                            /** @enum {string} */
                            role: "manager" | "unit_head";
                            /** @description the subtree the bulletin covers; null: the whole company */
                            scope_unit_id: number | null;
                            unit_id: number | null;
                            unit_name: string | null;
                            user_id: number;
                            username: string;
                        }[];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsRectifications: {
        parameters: {
            query: {
                /** @description only the items the caller is responsible for */
                mine?: "true" | "false";
                /** @description items open at the end of the month (carried over until done) and items done in it */
                month: string;
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description open first, by due date */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RectificationListItem"][];
                        month: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchReportsRectificationsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    done?: boolean;
                    /** @description what shows the rectification was made (required to close an item that has none) */
                    evidence?: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description the item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rectification"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsSubscribers: {
        parameters: {
            query: {
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description per unit; source unit = no row for the month, the unit's own field applies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            /** @enum {string} */
                            source: "month" | "unit";
                            subscribers: number;
                            unit_id: number;
                        }[];
                        month: string;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putReportsSubscribersByUnitIdByMonth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                month: string;
                unit_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subscribers: number;
                };
            };
        };
        responses: {
            /** @description stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        subscribers: number;
                        unit_id: number;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsTargets: {
        parameters: {
            query: {
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every unit with the targets that apply to it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kpis: {
                            /** @enum {string} */
                            direction: "max" | "min";
                            /** @enum {string} */
                            key: "responsibility_complaints" | "over_level_complaints" | "avg_handling_days" | "timely_rate" | "first_time_satisfaction" | "second_time_satisfaction" | "unreachable_rate" | "fault_report_rate";
                            rate: boolean;
                        }[];
                        month: string;
                        /** @description the rows that apply this month, each unit's own */
                        own: {
                            from_month: string;
                            /** @enum {string} */
                            kpi: "responsibility_complaints" | "over_level_complaints" | "avg_handling_days" | "timely_rate" | "first_time_satisfaction" | "second_time_satisfaction" | "unreachable_rate" | "fault_report_rate";
                            unit_id: number | null;
                            value: number;
                        }[];
                        units: {
                            name: string;
                            parent_id: number | null;
                            targets: components["schemas"]["ReportTargets"];
                            unit_id: number | null;
                        }[];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putReportsTargetsByMonth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description figure → target from this month on; null removes this unit's own target of this month (it inherits again). Rates are fractions 0–1 */
                    targets: {
                        [key: string]: number | null;
                    };
                    /** @description null: the company (the root every unit inherits from) */
                    unit_id: number | null;
                };
            };
        };
        responses: {
            /** @description the targets in force that month */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kpis: {
                            /** @enum {string} */
                            direction: "max" | "min";
                            /** @enum {string} */
                            key: "responsibility_complaints" | "over_level_complaints" | "avg_handling_days" | "timely_rate" | "first_time_satisfaction" | "second_time_satisfaction" | "unreachable_rate" | "fault_report_rate";
                            rate: boolean;
                        }[];
                        month: string;
                        /** @description the rows that apply this month, each unit's own */
                        own: {
                            from_month: string;
                            /** @enum {string} */
                            kpi: "responsibility_complaints" | "over_level_complaints" | "avg_handling_days" | "timely_rate" | "first_time_satisfaction" | "second_time_satisfaction" | "unreachable_rate" | "fault_report_rate";
                            unit_id: number | null;
                            value: number;
                        }[];
                        units: {
                            name: string;
                            parent_id: number | null;
                            targets: components["schemas"]["ReportTargets"];
                            unit_id: number | null;
                        }[];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no such unit */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReportsTrend: {
        parameters: {
            query?: {
                months?: number;
                /** @description the last month shown; default the current month */
                to?: string;
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one entry per month, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        months: {
                            kpis: components["schemas"]["ReportKpis"];
                            month: string;
                            targets: components["schemas"]["ReportTargets"];
                        }[];
                        unit_id: number | null;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSettingsUrges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the setting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UrgeSettings"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putSettingsUrges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UrgeSettings"];
            };
        };
        responses: {
            /** @description the setting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UrgeSettings"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SlaPolicy"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaPoliciesByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicy"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putSlaPoliciesByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    active?: boolean;
                    /**
                     * @description the customer's area (city when unknown)
                     * @default null
                     */
                    area?: ("city" | "county") | null;
                    /** @default null */
                    category?: ("service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other") | null;
                    /**
                     * @description 'wall', or the key of a working calendar (business, callable)
                     * @default wall
                     */
                    clock?: string;
                    /** @default null */
                    customer_tier?: ("standard" | "vip" | "big_customer") | null;
                    escalate_on_breach: boolean;
                    name: string;
                    /**
                     * @description stops while the ticket is on hold; never for regulatory limits
                     * @default false
                     */
                    pausable?: boolean;
                    /** @default null */
                    payment_channel?: ("counter" | "bank" | "card" | "online" | "prepaid_card" | "agent") | null;
                    regulatory: boolean;
                    /**
                     * @default [
                     *       "accepted"
                     *     ]
                     */
                    start_on?: ("accepted" | "paid" | "resolved" | "reopened")[];
                    /**
                     * @default [
                     *       "resolved"
                     *     ]
                     */
                    stop_on?: ("dispatched" | "resolved" | "reopened" | "closed")[];
                    target_seconds: number;
                    /** @description null: every type (e.g. big customers) */
                    ticket_type: ("complaint" | "fault" | "reconnection" | "request") | null;
                    /**
                     * @description work order by payment channel × area (reconnection)
                     * @default null
                     */
                    tiers?: {
                        /** @enum {string} */
                        area: "city" | "county";
                        /** @enum {string} */
                        payment_channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                        tier: number;
                    }[] | null;
                    /** @default [] */
                    warn_at?: number[];
                };
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicy"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicy"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaPoliciesByKeyPreview: {
        parameters: {
            query?: {
                /** @description when the ticket is accepted (or paid, for reconnection); default now */
                accepted_at?: string;
                /** @description the customer's area (picks the tier; city when absent) */
                area?: "city" | "county";
                payment_channel?: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
            };
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description due time and warning points */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyPreview"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaBoard: {
        parameters: {
            query?: {
                /** @description policy keys, comma-separated */
                policy?: string;
                type?: string;
                /** @description this unit and its subtree */
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the board */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaBoard"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaBoardOverview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the board */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaBoardView"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaBoardUnitsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the unit's board */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaBoardView"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSurveysByToken: {
        parameters: {
            query?: {
                lang?: "zh-CN" | "en";
            };
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the survey */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Survey"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not a valid link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description answered already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postSurveysByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /** @enum {string} */
                    outcome: "satisfied" | "unsatisfied";
                };
            };
        };
        responses: {
            /** @description recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not a valid link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description answered already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTickets: {
        parameters: {
            query?: {
                /** @description the customer's area (unknown counts as city, as SLA tiers do) */
                area?: "city" | "county";
                assignee_id?: number;
                category?: string;
                cursor?: string;
                customer_id?: number;
                /** @description the tickets a figure of the case-analysis report counts (needs month) */
                figure?: "tickets" | "complaints" | "fault_reports" | "reconnections" | "requests" | "over_level_complaints" | "resolved" | "responsibility_complaints" | "late" | "unsatisfied" | "unreachable";
                limit?: number;
                /** @description the report month of `figure`, in the desk's time zone */
                month?: string;
                /** @description tickets not dispatched to any unit yet */
                no_unit?: "true";
                /** @description leadership cases owned by this user */
                owner_id?: number;
                /** @description reconnections by how the customer paid */
                payment_channel?: string;
                /** @description ticket number, customer phone, or words in the description */
                q?: string;
                /** @description first: handling round 1; second: a second (or later) handling */
                round?: "first" | "second";
                /** @description tickets with an open timer of one of these policies (keys, comma-separated) */
                sla_policy?: string;
                /** @description by the worst open SLA timer of the ticket (with sla_policy: by that policy's open timer) */
                sla_state?: string;
                /** @description due: breached first, then soonest SLA due time */
                sort?: "newest" | "due";
                /** @description one or more, comma-separated */
                status?: string;
                /** @description with unit_id: false counts the unit itself only */
                subtree?: "true" | "false";
                type?: string;
                /** @description true: only tickets nobody has taken */
                unassigned?: "true" | "false";
                /** @description tickets of this unit and its subtree */
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TicketListItem"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTickets: {
        parameters: {
            query?: never;
            header?: {
                /** @description retries with the same key return the first ticket (200) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "complaint",
                 *       "category": "billing",
                 *       "channel": "hotline",
                 *       "priority": "normal",
                 *       "description": "用户反映本月话费异常，多扣费 30 元",
                 *       "customer": {
                 *         "phone": "13904110001",
                 *         "name": "王先生",
                 *         "area": "county"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description the phone system's id of the call this contact came in on (caller pop) */
                    call_id?: string;
                    /**
                     * @description required for complaints; other types default by type
                     * @enum {string}
                     */
                    category?: "service_attitude" | "network_quality" | "billing" | "business_handling" | "installation" | "broadband" | "suspension" | "other";
                    /**
                     * @default hotline
                     * @enum {string}
                     */
                    channel?: "hotline" | "counter" | "web" | "letter" | "regulator";
                    /** @description the caller; found by phone or registered on the spot */
                    customer?: {
                        account_no?: string;
                        /** @enum {string} */
                        area?: "city" | "county";
                        /** Format: email */
                        email?: string;
                        name?: string;
                        phone: string;
                        /** @enum {string} */
                        tier?: "standard" | "vip" | "big_customer";
                        unit_id?: number;
                    };
                    customer_id?: number;
                    description: string;
                    /** @description reconnection only: how and when the arrears were paid */
                    payment?: {
                        /** @enum {string} */
                        channel: "counter" | "bank" | "card" | "online" | "prepaid_card" | "agent";
                        /**
                         * Format: date-time
                         * @description bank transfers: when the bank confirmed the payment; the reconnection clock starts there (absent: at paid_at)
                         */
                        confirmed_at?: string;
                        /** Format: date-time */
                        paid_at: string;
                    };
                    /**
                     * @default normal
                     * @enum {string}
                     */
                    priority?: "normal" | "urgent";
                    /** @description one-call resolution: the agent solved it during the call */
                    resolve?: {
                        /** @description why it happened, in words (optional when cause_id is given: the cause's name is kept) */
                        cause?: string;
                        /** @description the cause (or sub-cause) from the category's cause tree (GET /api/causes); required for complaints of a category that has one */
                        cause_id?: number;
                        /** @description what was done */
                        resolution: string;
                        /**
                         * @description company = a responsibility complaint (责任投诉)
                         * @enum {string}
                         */
                        responsibility: "company" | "customer" | "third_party" | "none";
                    };
                    /** @enum {string} */
                    type: "complaint" | "fault" | "reconnection" | "request";
                };
            };
        };
        responses: {
            /** @description replay of an earlier request with this Idempotency-Key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description accepted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTicketsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketDetail"];
                };
            };
            /** @description not modified: the If-None-Match tag is current (every part the answer shows is unchanged) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdAssign: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description null: back to the unit */
                    assignee_id: number | null;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdCallback: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "outcome": "satisfied",
                 *       "note": "用户对处理结果满意"
                 *     }
                 */
                "application/json": {
                    note?: string;
                    /** @enum {string} */
                    outcome: "satisfied" | "unsatisfied" | "unreachable";
                };
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdClaim: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                };
            };
        };
        responses: {
            /** @description the timeline event */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actor_id: number;
                        at: string;
                        data: {
                            body: string;
                        };
                        id: number;
                        /** @constant */
                        type: "comment";
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdDispatch: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "unit_id": 12,
                 *       "note": "请装维班今日上门核查"
                 *     }
                 */
                "application/json": {
                    assignee_id?: number;
                    note?: string;
                    unit_id: number;
                };
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdExplanation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the written explanation of how the complaint was handled and corrected */
                    text: string;
                };
            };
        };
        responses: {
            /** @description the ownership section */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ownership"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not a leadership case */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdHold: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    /** @enum {string} */
                    reason: "waiting_customer" | "waiting_parts" | "other";
                };
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdMajorProblem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    flagged: boolean;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description the flag and the resulting ownership */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        major_problem: boolean;
                        ownership: components["schemas"]["Ownership"] | null;
                        ticket_id: number;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdMerge: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "into_ticket_id": 42,
                 *       "note": "同一用户重复来电，合并处理"
                 *     }
                 */
                "application/json": {
                    /** @description the ticket that carries on (same customer, not closed) */
                    into_ticket_id: number;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description both tickets after the merge */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicate: components["schemas"]["Ticket"];
                        survivor: components["schemas"]["Ticket"];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description either ticket is not there or not in your units */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version, or the duplicate is no longer open */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description another customer, the same ticket, or a closed survivor */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdOwnerActions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description when it happened
                     */
                    at: string;
                    /**
                     * @description visit, apology and meeting are in person; a call is recorded but does not count as in person
                     * @enum {string}
                     */
                    kind: "visit" | "apology" | "call" | "meeting";
                    note: string;
                };
            };
        };
        responses: {
            /** @description the ownership section with the new action */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ownership"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not a leadership case, or `at` in the future */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdRelease: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdResolve: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "resolution": "已核实并退还多扣话费 30 元",
                 *       "cause": "套餐变更未及时生效",
                 *       "responsibility": "company"
                 *     }
                 */
                "application/json": {
                    /** @description why it happened, in words (optional when cause_id is given: the cause's name is kept) */
                    cause?: string;
                    /** @description the cause (or sub-cause) from the category's cause tree (GET /api/causes); required for complaints of a category that has one */
                    cause_id?: number;
                    /** @description what was done */
                    resolution: string;
                    /**
                     * @description company = a responsibility complaint (责任投诉)
                     * @enum {string}
                     */
                    responsibility: "company" | "customer" | "third_party" | "none";
                };
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdUnhold: {
        parameters: {
            query?: never;
            header: {
                /** @description the ticket version you acted on (from `version` or the ETag); stale: 409 */
                "If-Match": string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    /** @enum {string} */
                    reason?: "waiting_customer" | "waiting_parts" | "other";
                };
            };
        };
        responses: {
            /** @description the changed ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description stale version or illegal transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsByIdUrge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description the urged ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the ticket is resolved or closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTicketsBulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "dispatch" | "assign" | "comment";
                    /** @description dispatch (optional) or assign: the person */
                    assignee_id?: number | null;
                    /** @description comment: the text */
                    body?: string;
                    note?: string;
                    /** @description each with the version the user saw */
                    tickets: {
                        id: number;
                        version: number;
                    }[];
                    /** @description dispatch: the unit */
                    unit_id?: number;
                };
            };
        };
        responses: {
            /** @description what worked and what failed, per ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        failed: number;
                        results: {
                            /** @description stable machine code of the failure (stale_version, illegal_transition, forbidden, not_found, rule) */
                            code: string | null;
                            detail: string | null;
                            id: number;
                            ok: boolean;
                            /** @description the HTTP status this change alone would have got */
                            status: number | null;
                            /** @description the new version when it worked */
                            version: number | null;
                        }[];
                        succeeded: number;
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTmf621TypeMapping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the mapping */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TmfTypeMapping"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putTmf621TypeMapping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "default": {
                 *         "type": "fault",
                 *         "category": "network_quality"
                 *       },
                 *       "types": {
                 *         "incident": {
                 *           "type": "fault",
                 *           "category": "network_quality"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["TmfTypeMapping"];
            };
        };
        responses: {
            /** @description the mapping */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TmfTypeMapping"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUnits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description all units */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Unit"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postUnits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    area: "city" | "county";
                    code: string;
                    head_user_id?: number | null;
                    name: string;
                    parent_id?: number | null;
                    subscribers?: number;
                };
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unit"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchUnitsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description false deactivates: refused while the unit has active sub-units, active users or open tickets */
                    active?: boolean;
                    /** @enum {string} */
                    area?: "city" | "county";
                    head_user_id?: number | null;
                    name?: string;
                    parent_id?: number | null;
                    subscribers?: number;
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unit"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUsers: {
        parameters: {
            query?: {
                role?: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
                unit_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                    };
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: string | null;
                    name: string;
                    /** @description at least 10 characters, not a common password, not containing the username */
                    password: string;
                    /** @enum {string} */
                    role: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
                    unit_id?: number | null;
                    username: string;
                };
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchUsersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    email?: string | null;
                    name?: string;
                    /** @description at least 10 characters, not a common password, not containing the username */
                    password?: string;
                    /** @enum {string} */
                    role?: "agent" | "handler" | "unit_head" | "supervisor" | "manager" | "admin" | "integration";
                    unit_id?: number | null;
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description bad input: `errors` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postOauthToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "grant_type": "client_credentials",
                 *       "client_id": "ld_abc",
                 *       "client_secret": "s3cret"
                 *     }
                 */
                "application/json": {
                    client_id?: string;
                    client_secret?: string;
                    grant_type: string;
                    /** @description space-separated subset of the client's scopes; absent: all of them */
                    scope?: string;
                };
                /**
                 * @example {
                 *       "grant_type": "client_credentials",
                 *       "client_id": "ld_abc",
                 *       "client_secret": "s3cret"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    client_id?: string;
                    client_secret?: string;
                    grant_type: string;
                    /** @description space-separated subset of the client's scopes; absent: all of them */
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description a bearer token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthToken"];
                };
            };
            /** @description RFC 6749 §5.2 error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description invalid_client */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description any other error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
