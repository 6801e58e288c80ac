package cn.zhiban.acceptance;

import cn.zhiban.catalogue.ServiceItemDefinition;

/** Everything a decision was made from besides the request: the applicant's credit and history, and the catalogue entry. */
public record DecisionInputs(AcceptanceEngine.ApplicantCredit applicant, ServiceItemDefinition item) {
}
