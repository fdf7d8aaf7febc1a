/**
 * Every `extensions.code` a client of the graph can receive: stable API, one line each on what it means.
 * A new refusal gets its code here first, so the whole vocabulary stays in one place.
 */
export type ErrorCode =
  // Any service
  | 'UNAUTHENTICATED' // no valid access token: sign in (again)
  | 'AUTHENTICATION_UNAVAILABLE' // identity's signing keys cannot be fetched, so no token can be checked
  | 'FORBIDDEN' // signed in, but not allowed to do this
  | 'BAD_USER_INPUT' // an argument is malformed; `field` names it
  | 'INTERNAL_SERVER_ERROR' // something unexpected failed; the details stay in the service's log
  | 'CONSENT_REQUIRED' // the customer has not accepted the 152-ФЗ consent in force
  | 'ACCOUNT_NOT_CONFIRMED' // a simplified Gosuslugi account: claims and payments need a confirmed one
  | 'INVALID_INN' // not an INN: wrong length or check digits
  | 'INVALID_SNILS' // not a SNILS: wrong length or check number
  | 'INVALID_PHONE' // not a Russian phone number
  | 'INVALID_PASSPORT' // not a Russian passport series, number or issuing-office code
  | 'INVALID_MONEY_AMOUNT' // an amount that is not a plain decimal with at most two decimals
  | 'INVALID_CURRENCY' // a currency we do not handle
  // GraphQL itself (parsing, validation, operation lookup)
  | 'GRAPHQL_PARSE_FAILED' // the operation is not valid GraphQL syntax
  | 'GRAPHQL_VALIDATION_FAILED' // the operation does not fit the schema
  | 'BAD_REQUEST' // the HTTP request is not a GraphQL request
  | 'OPERATION_RESOLUTION_FAILURE' // the named operation is not in the document
  | 'PERSISTED_QUERY_NOT_FOUND' // a hash of an operation that is not registered
  | 'PERSISTED_QUERY_NOT_SUPPORTED' // a hash sent where only full operations are read
  // Gateway
  | 'SUBGRAPH_UNAVAILABLE' // one subgraph did not answer; the rest of the data is still returned
  | 'SUBGRAPH_TIMEOUT' // a change took longer than the gateway waits: it may still have been made
  | 'RATE_LIMITED' // too many requests; `retryAfterSeconds` says when to come back
  | 'QUERY_TOO_DEEP' // the operation nests deeper than allowed
  | 'TOO_MANY_ALIASES' // the operation uses more aliases than allowed
  | 'TOO_MANY_TOKENS' // the operation is longer than allowed
  | 'QUERY_TOO_EXPENSIVE' // the operation's estimated cost is above the limit
  | 'PERSISTED_QUERY_ONLY' // this client may run registered operations only, sent by hash
  | 'UNSUPPORTED_MEDIA_TYPE' // the request body is not JSON
  | 'LENGTH_REQUIRED' // the request has no Content-Length
  | 'PAYLOAD_TOO_LARGE' // the request body is above the size limit
  | 'TOO_MANY_SUBSCRIPTIONS' // the connection, the caller or the address has as many subscriptions open as allowed
  | 'FILE_NOT_FOUND' // nothing is served at this address under /files (an unknown service or path)
  | 'METHOD_NOT_ALLOWED' // file links are opened with GET or HEAD and uploaded to with PUT
  // Subgraphs: reached through the gateway only
  | 'INTERNAL_ONLY' // the request did not come from the gateway or a sibling service
  | 'TOO_MANY_REPRESENTATIONS' // an entity call names more entities than allowed
  // Identity: sign-in and sessions
  | 'GOSUSLUGI_ACCESS_DENIED' // the person refused Gosuslugi access to their data
  | 'GOSUSLUGI_SIGN_IN_EXPIRED' // the sign-in attempt or its code expired or was used already
  | 'GOSUSLUGI_TWO_FACTOR_UNAVAILABLE' // Gosuslugi needs a second factor the account cannot give
  | 'GOSUSLUGI_PERMISSION_DENIED' // Gosuslugi refused us the person's data
  | 'GOSUSLUGI_UNAVAILABLE' // Gosuslugi does not answer or is overloaded
  | 'GOSUSLUGI_INTEGRATION_ERROR' // Gosuslugi rejected our request: a fault on our side
  | 'GOSUSLUGI_TOKEN_INVALID' // Gosuslugi's token failed verification
  | 'GOSUSLUGI_UNEXPECTED_RESPONSE' // Gosuslugi's person data is incomplete
  | 'REDIRECT_URI_NOT_ALLOWED' // the app's return address is not registered for sign-in
  | 'TOO_MANY_ATTEMPTS' // too many sign-in attempts; retry later
  | 'INVALID_CREDENTIALS' // wrong staff login or password
  | 'SESSION_EXPIRED' // the refresh token is unknown, expired or its session ended
  | 'REFRESH_TOKEN_REUSED' // a rotated refresh token came back: the session is revoked
  | 'SESSION_NOT_FOUND' // no such session of the caller
  | 'CUSTOMER_NOT_FOUND' // no such customer
  | 'CONSENT_NOT_GIVEN' // there is no consent in force to revoke
  | 'CONSENT_VERSION_OUTDATED' // the consent accepted is not the version in force
  // Policy
  | 'POLICY_NOT_FOUND' // no such policy of the caller
  | 'POLICY_CANCELLED' // the policy was cancelled: nothing more is paid on it
  | 'POLICY_ALREADY_RENEWED' // the policy has been renewed already
  | 'RENEWAL_NOT_AVAILABLE' // outside the policy's renewal window
  | 'COVERAGE_CHANGE_NOT_AVAILABLE' // this policy's coverages cannot be changed now
  | 'NO_COVERAGE_CHANGE' // the new sums equal the current ones
  | 'COVERAGE_NOT_ON_POLICY' // a change names a coverage the policy does not have
  | 'COVERAGE_NOT_AVAILABLE' // the product does not offer that coverage
  | 'COVERAGE_FIXED_BY_LAW' // ОСАГО sums are set by law and cannot be chosen
  | 'COVERAGE_SUM_OUT_OF_RANGE' // a sum insured outside the product's choices or currency
  | 'DEDUCTIBLE_OUT_OF_RANGE' // a deductible outside the product's choices
  | 'INVALID_COVERAGES' // coverages missing or listed twice
  | 'TERM_NOT_ALLOWED' // an insurance term the product does not offer
  | 'INSTALMENTS_NOT_ALLOWED' // a number of instalments the product and term do not offer
  | 'INSURED_OBJECT_MISMATCH' // the insured object does not fit the product
  | 'NO_INSURED_PERSONS' // a personal product without anyone insured
  | 'INVALID_DRIVER' // a named driver who cannot be insured (age, licence)
  | 'INVALID_DRIVER_LIST' // too many or too few named drivers on an ОСАГО
  | 'INVALID_USAGE_PERIOD' // an ОСАГО usage period outside 3–12 months
  | 'INVALID_ENGINE_POWER' // engine power not above zero
  | 'INVALID_VIN' // not a vehicle identification number
  | 'INVALID_PLATE' // not a Russian registration plate
  | 'QUOTE_NOT_FOUND' // no such quote of the caller
  | 'QUOTE_EXPIRED' // the quote is older than it stays valid
  | 'QUOTE_OUTDATED' // the policy changed after the quote was made
  | 'DOCUMENT_LINK_INVALID' // a signed document link that is malformed or forged
  | 'DOCUMENT_LINK_EXPIRED' // a signed document link past its lifetime
  // Payments
  | 'PAYMENT_METHOD_NOT_FOUND' // no such card of the caller
  | 'PAYMENT_METHOD_REQUIRED' // a card must be chosen for this payment or refund
  | 'INVALID_CARD_NUMBER' // the card number fails its check digit
  | 'INVALID_CARD_EXPIRY' // the card's expiry is not a month and year
  | 'CARD_EXPIRED' // the card's expiry has passed
  | 'CARD_BRAND_NOT_SUPPORTED' // a card scheme we do not accept
  | 'INVALID_IDEMPOTENCY_KEY' // the idempotency key is not of the allowed form
  | 'IDEMPOTENCY_KEY_REUSED' // the same key was used for a different payment or command request
  | 'INSTALMENT_NOT_FOUND' // no such line in the policy's schedule
  | 'INSTALMENT_NOT_PAYABLE' // that schedule line needs no payment
  | 'INSTALMENT_ALREADY_PAID' // that instalment has been paid already
  | 'INSUFFICIENT_FUNDS' // the card has not enough money
  | 'CARD_DECLINED_BY_BANK' // the issuing bank declined the payment
  | 'PAYMENT_PROVIDER_UNAVAILABLE' // the payment provider did not answer; nothing was charged
  // Claims
  | 'CLAIM_NOT_FOUND' // no such claim the caller may see
  | 'CLAIM_TRANSITION_NOT_ALLOWED' // the claim's status does not allow this action
  | 'CLAIM_NOT_ASSIGNED' // the claim needs an adjuster first
  | 'CLAIM_APPROVAL_LIMIT_EXCEEDED' // the amount is above the adjuster's limit: a supervisor decides
  | 'CLAIM_PAYOUT_NEEDS_SUPERVISOR' // a payout this large is made by a supervisor
  | 'CLAIM_ADJUSTER_NOT_FOUND' // no active adjuster with that id in the staff register
  | 'STAFF_REGISTER_UNAVAILABLE' // the staff register could not be asked right now
  | 'CUSTOMER_REGISTER_UNAVAILABLE' // the customer's verified e-mail could not be read from identity right now
  | 'CLAIM_CONCURRENTLY_MODIFIED' // the claim changed meanwhile; reload and retry
  | 'CLAIM_FEED_OVERFLOW' // a status subscriber fell too far behind; reconnect from its last cursor
  | 'CLAIM_FEED_RESUME_TOO_FAR' // more changes since `after` than one resumption reads: reload, then follow afresh
  | 'POLICY_NOT_IN_FORCE' // the policy was not in force on the incident date
  | 'POLICY_SERVICE_UNAVAILABLE' // the policy could not be checked right now
  | 'PERSONAL_DATA_ERASED' // the customer withdrew consent: no personal data of theirs is taken
  | 'DOCUMENT_NOT_FOUND' // no such claim document
  | 'DOCUMENT_NOT_UPLOADED' // the document's file has not been uploaded yet
  | 'DOCUMENT_ALREADY_UPLOADED' // the document holds another file already
  | 'DOCUMENT_TYPE_NOT_ALLOWED' // a file that is not PDF, JPEG, PNG or HEIC
  | 'DOCUMENT_TOO_LARGE' // a file above 20 MB
  // Support chat
  | 'CONVERSATION_NOT_FOUND' // no such conversation the caller may see
  | 'CONVERSATION_CLOSED' // the conversation is closed: reopen it (or open a new one) to write
  | 'CONVERSATION_NOT_CLOSED' // only a closed conversation can be reopened
  | 'CONVERSATION_REOPEN_EXPIRED' // the conversation was closed too long ago to reopen; open a new one
  | 'CONVERSATION_ALREADY_RATED' // the conversation has been rated already
  | 'CONVERSATION_NOT_RATEABLE' // nothing to rate yet: no operator has answered and it is not closed
  | 'CONVERSATION_ASSIGNED_ELSEWHERE' // another operator holds the conversation; a supervisor may reassign it
  | 'CONVERSATION_CONCURRENTLY_MODIFIED' // the conversation changed meanwhile; retry
  | 'SUPPORT_OPERATOR_NOT_FOUND' // no active support operator with that id in the staff register
  | 'SUPPORT_SUBJECT_NOT_FOUND' // the policy or claim the conversation is about is not the customer's
  | 'SUPPORT_SUBJECT_UNAVAILABLE' // the policy or claim could not be checked right now
  | 'SUPPORT_MESSAGE_RATE_LIMITED' // too many messages a minute; `retryAfterSeconds` says when to write again
  | 'SUPPORT_FEED_OVERFLOW' // a support subscriber fell too far behind; reconnect from its last cursor
  | 'CONVERSATION_NOT_ABOUT_CLAIM' // only a conversation about a claim can take in the claim's adjuster
  | 'SUPPORT_ADJUSTER_NOT_ASSIGNED' // the staff member is not the adjuster handling the conversation's claim
  | 'SUPPORT_ADJUSTER_NOT_IN_CONVERSATION' // that adjuster is not in the conversation
  | 'SUPPORT_TOO_MANY_ATTACHMENTS' // a message carries at most 5 files
  | 'SUPPORT_ATTACHMENT_NOT_FOUND' // no such uploaded file of the caller's
  | 'SUPPORT_ATTACHMENT_NOT_UPLOADED' // the attachment's file has not been uploaded yet
  | 'SUPPORT_ATTACHMENT_ALREADY_UPLOADED' // another file was uploaded under that attachment already
  | 'CANNED_REPLY_NOT_FOUND'; // no such canned reply
