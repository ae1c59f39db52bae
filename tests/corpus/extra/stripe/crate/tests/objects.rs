//! One object for every resource of Stripe's spec (`objects.json`, generated from
//! each resource's own schema by json-schema-faker with every optional property,
//! and marked `valid` by Python openapi-schema-validator: see `../make_objects.*`),
//! each read into the resource's type on a thread with a 2 MiB stack, the stack of
//! every spawned thread, test thread and tokio worker, in the test profile. A
//! valid object must be read and written back as the same text; an invalid one
//! must be refused with an error; neither may overflow the stack. The corpus run
//! copies this file into the generated crate and runs it.

use stripe::stripe;

/// What reading an object gave: `Ok` with its text written back, or the error.
type Outcome = Result<String, String>;

fn read<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Outcome {
    let value: T = ::stripe::runtime::from_json(json.as_bytes()).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| format!("does not serialise: {e}"))
}

/// Each resource and the reader of its type.
const READERS: &[(&str, fn(&str) -> Outcome)] = &[
        ("account", read::<stripe::Account>),
        ("account_link", read::<stripe::AccountLink>),
        ("account_session", read::<stripe::AccountSession>),
        ("apple_pay_domain", read::<stripe::ApplePayDomain>),
        ("application_fee", read::<stripe::ApplicationFee>),
        ("apps.secret", read::<stripe::AppsSecret>),
        ("balance", read::<stripe::Balance>),
        ("balance_settings", read::<stripe::BalanceSettings>),
        ("balance_transaction", read::<stripe::BalanceTransaction>),
        ("bank_account", read::<stripe::BankAccount>),
        ("billing.alert", read::<stripe::BillingAlert>),
        ("billing.credit_balance_summary", read::<stripe::BillingCreditBalanceSummary>),
        ("billing.credit_balance_transaction", read::<stripe::BillingCreditBalanceTransaction>),
        ("billing.credit_grant", read::<stripe::BillingCreditGrant>),
        ("billing.meter", read::<stripe::BillingMeter>),
        ("billing.meter_event", read::<stripe::BillingMeterEvent>),
        ("billing.meter_event_adjustment", read::<stripe::BillingMeterEventAdjustment>),
        ("billing.meter_event_summary", read::<stripe::BillingMeterEventSummary>),
        ("billing_portal.configuration", read::<stripe::BillingPortalConfiguration>),
        ("billing_portal.session", read::<stripe::BillingPortalSession>),
        ("capability", read::<stripe::Capability>),
        ("card", read::<stripe::Card>),
        ("cash_balance", read::<stripe::CashBalance>),
        ("charge", read::<stripe::Charge>),
        ("checkout.session", read::<stripe::CheckoutSession>),
        ("climate.order", read::<stripe::ClimateOrder>),
        ("climate.product", read::<stripe::ClimateProduct>),
        ("climate.supplier", read::<stripe::ClimateSupplier>),
        ("confirmation_token", read::<stripe::ConfirmationToken>),
        ("country_spec", read::<stripe::CountrySpec>),
        ("coupon", read::<stripe::Coupon>),
        ("credit_note", read::<stripe::CreditNote>),
        ("credit_note_line_item", read::<stripe::CreditNoteLineItem>),
        ("customer", read::<stripe::Customer>),
        ("customer_balance_transaction", read::<stripe::CustomerBalanceTransaction>),
        ("customer_cash_balance_transaction", read::<stripe::CustomerCashBalanceTransaction>),
        ("customer_session", read::<stripe::CustomerSession>),
        ("deleted_account", read::<stripe::DeletedAccount>),
        ("deleted_apple_pay_domain", read::<stripe::DeletedApplePayDomain>),
        ("deleted_coupon", read::<stripe::DeletedCoupon>),
        ("deleted_customer", read::<stripe::DeletedCustomer>),
        ("deleted_discount", read::<stripe::DeletedDiscount>),
        ("deleted_external_account", read::<stripe::DeletedExternalAccount>),
        ("deleted_invoice", read::<stripe::DeletedInvoice>),
        ("deleted_invoiceitem", read::<stripe::DeletedInvoiceitem>),
        ("deleted_payment_source", read::<stripe::DeletedPaymentSource>),
        ("deleted_person", read::<stripe::DeletedPerson>),
        ("deleted_plan", read::<stripe::DeletedPlan>),
        ("deleted_product", read::<stripe::DeletedProduct>),
        ("deleted_product_feature", read::<stripe::DeletedProductFeature>),
        ("deleted_radar.value_list", read::<stripe::DeletedRadarValueList>),
        ("deleted_radar.value_list_item", read::<stripe::DeletedRadarValueListItem>),
        ("deleted_subscription_item", read::<stripe::DeletedSubscriptionItem>),
        ("deleted_tax_id", read::<stripe::DeletedTaxId>),
        ("deleted_terminal.configuration", read::<stripe::DeletedTerminalConfiguration>),
        ("deleted_terminal.location", read::<stripe::DeletedTerminalLocation>),
        ("deleted_terminal.reader", read::<stripe::DeletedTerminalReader>),
        ("deleted_test_helpers.test_clock", read::<stripe::DeletedTestHelpersTestClock>),
        ("deleted_webhook_endpoint", read::<stripe::DeletedWebhookEndpoint>),
        ("discount", read::<stripe::Discount>),
        ("dispute", read::<stripe::Dispute>),
        ("entitlements.active_entitlement", read::<stripe::EntitlementsActiveEntitlement>),
        ("entitlements.feature", read::<stripe::EntitlementsFeature>),
        ("ephemeral_key", read::<stripe::EphemeralKey>),
        ("event", read::<stripe::Event>),
        ("exchange_rate", read::<stripe::ExchangeRate>),
        ("external_account", read::<stripe::ExternalAccount>),
        ("fabric_service", read::<stripe::FabricService>),
        ("fee_refund", read::<stripe::FeeRefund>),
        ("file", read::<stripe::File>),
        ("file_link", read::<stripe::FileLink>),
        ("financial_connections.account", read::<stripe::FinancialConnectionsAccount>),
        ("financial_connections.account_owner", read::<stripe::FinancialConnectionsAccountOwner>),
        ("financial_connections.session", read::<stripe::FinancialConnectionsSession>),
        ("financial_connections.transaction", read::<stripe::FinancialConnectionsTransaction>),
        ("forwarding.request", read::<stripe::ForwardingRequest>),
        ("funding_instructions", read::<stripe::FundingInstructions>),
        ("identity.verification_report", read::<stripe::IdentityVerificationReport>),
        ("identity.verification_session", read::<stripe::IdentityVerificationSession>),
        ("invoice", read::<stripe::Invoice>),
        ("invoice_payment", read::<stripe::InvoicePayment>),
        ("invoice_rendering_template", read::<stripe::InvoiceRenderingTemplate>),
        ("invoiceitem", read::<stripe::Invoiceitem>),
        ("issuing.authorization", read::<stripe::IssuingAuthorization>),
        ("issuing.card", read::<stripe::IssuingCard>),
        ("issuing.cardholder", read::<stripe::IssuingCardholder>),
        ("issuing.dispute", read::<stripe::IssuingDispute>),
        ("issuing.personalization_design", read::<stripe::IssuingPersonalizationDesign>),
        ("issuing.physical_bundle", read::<stripe::IssuingPhysicalBundle>),
        ("issuing.settlement", read::<stripe::IssuingSettlement>),
        ("issuing.token", read::<stripe::IssuingToken>),
        ("issuing.transaction", read::<stripe::IssuingTransaction>),
        ("item", read::<stripe::Item>),
        ("line_item", read::<stripe::LineItem>),
        ("login_link", read::<stripe::LoginLink>),
        ("mandate", read::<stripe::Mandate>),
        ("payment_attempt_record", read::<stripe::PaymentAttemptRecord>),
        ("payment_intent", read::<stripe::PaymentIntent>),
        ("payment_intent_amount_details_line_item", read::<stripe::PaymentIntentAmountDetailsLineItem>),
        ("payment_link", read::<stripe::PaymentLink>),
        ("payment_method", read::<stripe::PaymentMethod>),
        ("payment_method_configuration", read::<stripe::PaymentMethodConfiguration>),
        ("payment_method_domain", read::<stripe::PaymentMethodDomain>),
        ("payment_record", read::<stripe::PaymentRecord>),
        ("payment_source", read::<stripe::PaymentSource>),
        ("payout", read::<stripe::Payout>),
        ("person", read::<stripe::Person>),
        ("plan", read::<stripe::Plan>),
        ("price", read::<stripe::Price>),
        ("product", read::<stripe::Product>),
        ("product_feature", read::<stripe::ProductFeature>),
        ("promotion_code", read::<stripe::PromotionCode>),
        ("quote", read::<stripe::Quote>),
        ("radar.early_fraud_warning", read::<stripe::RadarEarlyFraudWarning>),
        ("radar.payment_evaluation", read::<stripe::RadarPaymentEvaluation>),
        ("radar.value_list", read::<stripe::RadarValueList>),
        ("radar.value_list_item", read::<stripe::RadarValueListItem>),
        ("refund", read::<stripe::Refund>),
        ("reporting.report_run", read::<stripe::ReportingReportRun>),
        ("reporting.report_type", read::<stripe::ReportingReportType>),
        ("review", read::<stripe::Review>),
        ("scheduled_query_run", read::<stripe::ScheduledQueryRun>),
        ("setup_attempt", read::<stripe::SetupAttempt>),
        ("setup_intent", read::<stripe::SetupIntent>),
        ("shipping_rate", read::<stripe::ShippingRate>),
        ("sigma.sigma_api_query", read::<stripe::SigmaSigmaApiQuery>),
        ("source", read::<stripe::Source>),
        ("source_mandate_notification", read::<stripe::SourceMandateNotification>),
        ("source_transaction", read::<stripe::SourceTransaction>),
        ("subscription", read::<stripe::Subscription>),
        ("subscription_item", read::<stripe::SubscriptionItem>),
        ("subscription_schedule", read::<stripe::SubscriptionSchedule>),
        ("tax.association", read::<stripe::TaxAssociation>),
        ("tax.calculation", read::<stripe::TaxCalculation>),
        ("tax.calculation_line_item", read::<stripe::TaxCalculationLineItem>),
        ("tax.registration", read::<stripe::TaxRegistration>),
        ("tax.settings", read::<stripe::TaxSettings>),
        ("tax.transaction", read::<stripe::TaxTransaction>),
        ("tax.transaction_line_item", read::<stripe::TaxTransactionLineItem>),
        ("tax_code", read::<stripe::TaxCode>),
        ("tax_id", read::<stripe::TaxId>),
        ("tax_rate", read::<stripe::TaxRate>),
        ("terminal.configuration", read::<stripe::TerminalConfiguration>),
        ("terminal.connection_token", read::<stripe::TerminalConnectionToken>),
        ("terminal.location", read::<stripe::TerminalLocation>),
        ("terminal.onboarding_link", read::<stripe::TerminalOnboardingLink>),
        ("terminal.reader", read::<stripe::TerminalReader>),
        ("test_helpers.test_clock", read::<stripe::TestHelpersTestClock>),
        ("token", read::<stripe::Token>),
        ("topup", read::<stripe::Topup>),
        ("transfer", read::<stripe::Transfer>),
        ("transfer_reversal", read::<stripe::TransferReversal>),
        ("treasury.credit_reversal", read::<stripe::TreasuryCreditReversal>),
        ("treasury.debit_reversal", read::<stripe::TreasuryDebitReversal>),
        ("treasury.financial_account", read::<stripe::TreasuryFinancialAccount>),
        ("treasury.financial_account_features", read::<stripe::TreasuryFinancialAccountFeatures>),
        ("treasury.inbound_transfer", read::<stripe::TreasuryInboundTransfer>),
        ("treasury.outbound_payment", read::<stripe::TreasuryOutboundPayment>),
        ("treasury.outbound_transfer", read::<stripe::TreasuryOutboundTransfer>),
        ("treasury.received_credit", read::<stripe::TreasuryReceivedCredit>),
        ("treasury.received_debit", read::<stripe::TreasuryReceivedDebit>),
        ("treasury.transaction", read::<stripe::TreasuryTransaction>),
        ("treasury.transaction_entry", read::<stripe::TreasuryTransactionEntry>),
        ("webhook_endpoint", read::<stripe::WebhookEndpoint>),
];

#[derive(serde::Deserialize)]
struct Object<'a> {
    schema: &'a str,
    #[serde(borrow)]
    object: &'a serde_json::value::RawValue,
    valid: bool,
}

#[derive(serde::Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    objects: Vec<Object<'a>>,
}

#[test]
fn every_resource_reads_on_a_2_mib_stack() {
    let file: File<'_> = serde_json::from_str(include_str!("../objects.json")).expect("objects.json");
    assert_eq!(file.objects.len(), READERS.len());
    let canonical = ::stripe::runtime::testing::canonical;
    let (mut read_back, mut refused, mut failures) = (0, 0, Vec::new());
    for (object, (schema, reader)) in file.objects.iter().zip(READERS) {
        assert_eq!(object.schema, *schema);
        let text = object.object.get().to_owned();
        let reader = *reader;
        // A stack overflow aborts the process: the test fails, whichever object it was.
        let outcome = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || reader(&text))
            .expect("a thread")
            .join()
            .expect("no panic");
        match (outcome, object.valid) {
            (Ok(back), true) if canonical(&back) == canonical(object.object.get()) => read_back += 1,
            (Ok(back), true) => failures.push(format!("{schema}: written back differently: {}", &back[..back.len().min(200)])),
            (Err(e), true) => failures.push(format!("{schema}: refused: {e}")),
            (Ok(_), false) => failures.push(format!("{schema}: invalid, but read")),
            (Err(_), false) => refused += 1,
        }
    }
    println!("{read_back} read and written back, {refused} invalid ones refused");
    assert!(failures.is_empty(), "{} of {}:\n{}", failures.len(), READERS.len(), failures.join("\n"));
}

/// Stripe's own example object of each resource (`../fixtures3.json`, from
/// github.com/stripe/openapi: see tests/corpus/extra/stripe/README.md), read on a
/// 2 MiB stack. A fixture may lack a property the spec requires
/// (`radar.payment_evaluation` without `events`): as specified it is refused,
/// with the tolerant policy (the corpus run says which in `CORPUS_RECEIVED`)
/// every fixture must read. Whatever reads must write back as it was.
#[test]
fn every_stripe_fixture_reads() {
    #[derive(serde::Deserialize)]
    struct Fixtures<'a> {
        #[serde(borrow)]
        resources: std::collections::BTreeMap<&'a str, &'a serde_json::value::RawValue>,
    }
    let tolerant = std::env::var("CORPUS_RECEIVED").is_ok_and(|policy| policy == "tolerant");
    let fixtures: Fixtures<'_> = serde_json::from_str(include_str!("../fixtures3.json")).expect("fixtures3.json");
    let canonical = ::stripe::runtime::testing::canonical;
    let (mut read_back, mut refused, mut failures) = (0, Vec::new(), Vec::new());
    for (schema, reader) in READERS {
        let Some(fixture) = fixtures.resources.get(schema) else { continue };
        let text = fixture.get().to_owned();
        let reader = *reader;
        let outcome = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || reader(&text))
            .expect("a thread")
            .join()
            .expect("no panic");
        match outcome {
            Ok(back) if canonical(&back) == canonical(fixture.get()) => read_back += 1,
            Ok(back) => failures.push(format!("{schema}: written back differently: {}", &back[..back.len().min(200)])),
            Err(e) => refused.push(format!("{schema}: {e}")),
        }
    }
    eprintln!("Stripe fixtures: {read_back} read and written back, {} refused", refused.len());
    refused.iter().for_each(|r| eprintln!("  refused: {r}"));
    if tolerant {
        failures.extend(refused);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What a caller may need of a resource: to send it to another thread or task,
/// share it, and hold it across `catch_unwind`. Proving these walks every type
/// inside, and a chain longer than rustc's recursion limit (128) would be a
/// compile error in the caller's crate: this test does not compile then.
fn auto_traits<T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

#[test]
fn every_resource_is_send_sync_and_unwind_safe() {
    auto_traits::<stripe::Account>();
    auto_traits::<stripe::AccountLink>();
    auto_traits::<stripe::AccountSession>();
    auto_traits::<stripe::ApplePayDomain>();
    auto_traits::<stripe::ApplicationFee>();
    auto_traits::<stripe::AppsSecret>();
    auto_traits::<stripe::Balance>();
    auto_traits::<stripe::BalanceSettings>();
    auto_traits::<stripe::BalanceTransaction>();
    auto_traits::<stripe::BankAccount>();
    auto_traits::<stripe::BillingAlert>();
    auto_traits::<stripe::BillingCreditBalanceSummary>();
    auto_traits::<stripe::BillingCreditBalanceTransaction>();
    auto_traits::<stripe::BillingCreditGrant>();
    auto_traits::<stripe::BillingMeter>();
    auto_traits::<stripe::BillingMeterEvent>();
    auto_traits::<stripe::BillingMeterEventAdjustment>();
    auto_traits::<stripe::BillingMeterEventSummary>();
    auto_traits::<stripe::BillingPortalConfiguration>();
    auto_traits::<stripe::BillingPortalSession>();
    auto_traits::<stripe::Capability>();
    auto_traits::<stripe::Card>();
    auto_traits::<stripe::CashBalance>();
    auto_traits::<stripe::Charge>();
    auto_traits::<stripe::CheckoutSession>();
    auto_traits::<stripe::ClimateOrder>();
    auto_traits::<stripe::ClimateProduct>();
    auto_traits::<stripe::ClimateSupplier>();
    auto_traits::<stripe::ConfirmationToken>();
    auto_traits::<stripe::CountrySpec>();
    auto_traits::<stripe::Coupon>();
    auto_traits::<stripe::CreditNote>();
    auto_traits::<stripe::CreditNoteLineItem>();
    auto_traits::<stripe::Customer>();
    auto_traits::<stripe::CustomerBalanceTransaction>();
    auto_traits::<stripe::CustomerCashBalanceTransaction>();
    auto_traits::<stripe::CustomerSession>();
    auto_traits::<stripe::DeletedAccount>();
    auto_traits::<stripe::DeletedApplePayDomain>();
    auto_traits::<stripe::DeletedCoupon>();
    auto_traits::<stripe::DeletedCustomer>();
    auto_traits::<stripe::DeletedDiscount>();
    auto_traits::<stripe::DeletedExternalAccount>();
    auto_traits::<stripe::DeletedInvoice>();
    auto_traits::<stripe::DeletedInvoiceitem>();
    auto_traits::<stripe::DeletedPaymentSource>();
    auto_traits::<stripe::DeletedPerson>();
    auto_traits::<stripe::DeletedPlan>();
    auto_traits::<stripe::DeletedProduct>();
    auto_traits::<stripe::DeletedProductFeature>();
    auto_traits::<stripe::DeletedRadarValueList>();
    auto_traits::<stripe::DeletedRadarValueListItem>();
    auto_traits::<stripe::DeletedSubscriptionItem>();
    auto_traits::<stripe::DeletedTaxId>();
    auto_traits::<stripe::DeletedTerminalConfiguration>();
    auto_traits::<stripe::DeletedTerminalLocation>();
    auto_traits::<stripe::DeletedTerminalReader>();
    auto_traits::<stripe::DeletedTestHelpersTestClock>();
    auto_traits::<stripe::DeletedWebhookEndpoint>();
    auto_traits::<stripe::Discount>();
    auto_traits::<stripe::Dispute>();
    auto_traits::<stripe::EntitlementsActiveEntitlement>();
    auto_traits::<stripe::EntitlementsFeature>();
    auto_traits::<stripe::EphemeralKey>();
    auto_traits::<stripe::Event>();
    auto_traits::<stripe::ExchangeRate>();
    auto_traits::<stripe::ExternalAccount>();
    auto_traits::<stripe::FabricService>();
    auto_traits::<stripe::FeeRefund>();
    auto_traits::<stripe::File>();
    auto_traits::<stripe::FileLink>();
    auto_traits::<stripe::FinancialConnectionsAccount>();
    auto_traits::<stripe::FinancialConnectionsAccountOwner>();
    auto_traits::<stripe::FinancialConnectionsSession>();
    auto_traits::<stripe::FinancialConnectionsTransaction>();
    auto_traits::<stripe::ForwardingRequest>();
    auto_traits::<stripe::FundingInstructions>();
    auto_traits::<stripe::IdentityVerificationReport>();
    auto_traits::<stripe::IdentityVerificationSession>();
    auto_traits::<stripe::Invoice>();
    auto_traits::<stripe::InvoicePayment>();
    auto_traits::<stripe::InvoiceRenderingTemplate>();
    auto_traits::<stripe::Invoiceitem>();
    auto_traits::<stripe::IssuingAuthorization>();
    auto_traits::<stripe::IssuingCard>();
    auto_traits::<stripe::IssuingCardholder>();
    auto_traits::<stripe::IssuingDispute>();
    auto_traits::<stripe::IssuingPersonalizationDesign>();
    auto_traits::<stripe::IssuingPhysicalBundle>();
    auto_traits::<stripe::IssuingSettlement>();
    auto_traits::<stripe::IssuingToken>();
    auto_traits::<stripe::IssuingTransaction>();
    auto_traits::<stripe::Item>();
    auto_traits::<stripe::LineItem>();
    auto_traits::<stripe::LoginLink>();
    auto_traits::<stripe::Mandate>();
    auto_traits::<stripe::PaymentAttemptRecord>();
    auto_traits::<stripe::PaymentIntent>();
    auto_traits::<stripe::PaymentIntentAmountDetailsLineItem>();
    auto_traits::<stripe::PaymentLink>();
    auto_traits::<stripe::PaymentMethod>();
    auto_traits::<stripe::PaymentMethodConfiguration>();
    auto_traits::<stripe::PaymentMethodDomain>();
    auto_traits::<stripe::PaymentRecord>();
    auto_traits::<stripe::PaymentSource>();
    auto_traits::<stripe::Payout>();
    auto_traits::<stripe::Person>();
    auto_traits::<stripe::Plan>();
    auto_traits::<stripe::Price>();
    auto_traits::<stripe::Product>();
    auto_traits::<stripe::ProductFeature>();
    auto_traits::<stripe::PromotionCode>();
    auto_traits::<stripe::Quote>();
    auto_traits::<stripe::RadarEarlyFraudWarning>();
    auto_traits::<stripe::RadarPaymentEvaluation>();
    auto_traits::<stripe::RadarValueList>();
    auto_traits::<stripe::RadarValueListItem>();
    auto_traits::<stripe::Refund>();
    auto_traits::<stripe::ReportingReportRun>();
    auto_traits::<stripe::ReportingReportType>();
    auto_traits::<stripe::Review>();
    auto_traits::<stripe::ScheduledQueryRun>();
    auto_traits::<stripe::SetupAttempt>();
    auto_traits::<stripe::SetupIntent>();
    auto_traits::<stripe::ShippingRate>();
    auto_traits::<stripe::SigmaSigmaApiQuery>();
    auto_traits::<stripe::Source>();
    auto_traits::<stripe::SourceMandateNotification>();
    auto_traits::<stripe::SourceTransaction>();
    auto_traits::<stripe::Subscription>();
    auto_traits::<stripe::SubscriptionItem>();
    auto_traits::<stripe::SubscriptionSchedule>();
    auto_traits::<stripe::TaxAssociation>();
    auto_traits::<stripe::TaxCalculation>();
    auto_traits::<stripe::TaxCalculationLineItem>();
    auto_traits::<stripe::TaxRegistration>();
    auto_traits::<stripe::TaxSettings>();
    auto_traits::<stripe::TaxTransaction>();
    auto_traits::<stripe::TaxTransactionLineItem>();
    auto_traits::<stripe::TaxCode>();
    auto_traits::<stripe::TaxId>();
    auto_traits::<stripe::TaxRate>();
    auto_traits::<stripe::TerminalConfiguration>();
    auto_traits::<stripe::TerminalConnectionToken>();
    auto_traits::<stripe::TerminalLocation>();
    auto_traits::<stripe::TerminalOnboardingLink>();
    auto_traits::<stripe::TerminalReader>();
    auto_traits::<stripe::TestHelpersTestClock>();
    auto_traits::<stripe::Token>();
    auto_traits::<stripe::Topup>();
    auto_traits::<stripe::Transfer>();
    auto_traits::<stripe::TransferReversal>();
    auto_traits::<stripe::TreasuryCreditReversal>();
    auto_traits::<stripe::TreasuryDebitReversal>();
    auto_traits::<stripe::TreasuryFinancialAccount>();
    auto_traits::<stripe::TreasuryFinancialAccountFeatures>();
    auto_traits::<stripe::TreasuryInboundTransfer>();
    auto_traits::<stripe::TreasuryOutboundPayment>();
    auto_traits::<stripe::TreasuryOutboundTransfer>();
    auto_traits::<stripe::TreasuryReceivedCredit>();
    auto_traits::<stripe::TreasuryReceivedDebit>();
    auto_traits::<stripe::TreasuryTransaction>();
    auto_traits::<stripe::TreasuryTransactionEntry>();
    auto_traits::<stripe::WebhookEndpoint>();
}
