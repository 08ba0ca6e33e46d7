//! What the audit log records: every kind of write as a fixed word, so the code that writes a row and
//! the page that names it in the reader's language agree on one closed list.
use crate::domain::curation::ListingAction;

text_enum! {
    /// One kind of write. The word is stored in `audit_log.action` and filtered by its start
    /// (`listing.` for every staff action on a listing), so related actions share a first part.
    pub enum AuditAction {
        SignUp = "account.sign_up",
        ConfirmEmail = "account.confirm_email",
        PasswordReset = "account.password_reset",
        SignOutEverywhere = "account.sign_out_everywhere",
        TwoFactorOn = "account.two_factor_on",
        TwoFactorOff = "account.two_factor_off",
        ListingRequest = "listing.request",
        ClaimRequest = "claim.request",
        ClaimApproveByDomain = "claim.approve_by_domain",
        ClaimApprove = "claim.approve",
        ClaimReject = "claim.reject",
        ProfileSubmit = "profile.submit",
        ProfilePublish = "profile.publish",
        SolutionSubmit = "solution.submit",
        SolutionPublish = "solution.publish",
        LogoSubmit = "logo.submit",
        LogoPublish = "logo.publish",
        RevisionApprove = "revision.approve",
        RevisionApproveFields = "revision.approve_fields",
        RevisionReject = "revision.reject",
        ListingVerify = "listing.verify",
        ListingUnverify = "listing.unverify",
        ListingFeature = "listing.feature",
        ListingUnfeature = "listing.unfeature",
        ListingHide = "listing.hide",
        ListingArchive = "listing.archive",
        ListingRestore = "listing.restore",
        ListingMerge = "listing.merge",
        MemberInvite = "member.invite",
        MemberInviteOwner = "member.invite_owner",
        MemberAdd = "member.add",
        MemberRemove = "member.remove",
        MemberHandOver = "member.hand_over",
        PersonCreate = "person.create",
        PersonRole = "person.role",
        PersonDisable = "person.disable",
        PersonEnable = "person.enable",
        OrganizationImport = "organization.import",
        SolutionImport = "solution.import",
        SeedDemo = "seed.demo",
        SeedSynthetic = "seed.synthetic",
        ForumEditionAdd = "forum.edition.add",
        ForumEditionUpdate = "forum.edition.update",
        ForumPanelAdd = "forum.panel.add",
        ForumPanelUpdate = "forum.panel.update",
        ForumPanelReorder = "forum.panel.reorder",
        ForumPanelDelete = "forum.panel.delete",
        ForumParticipantAdd = "forum.participant.add",
        ForumParticipantRemove = "forum.participant.remove",
        SitePageUpdate = "site_page.update",
        CategoryAdd = "taxonomy.category.add",
        CategoryUpdate = "taxonomy.category.update",
        CategoryReorder = "taxonomy.category.reorder",
        CategoryMoveUses = "taxonomy.category.move_uses",
        CategoryDelete = "taxonomy.category.delete",
        SectorAdd = "taxonomy.sector.add",
        SectorUpdate = "taxonomy.sector.update",
        SectorReorder = "taxonomy.sector.reorder",
        SectorMoveUses = "taxonomy.sector.move_uses",
        SectorDelete = "taxonomy.sector.delete",
        TagAdd = "taxonomy.tag.add",
        TagUpdate = "taxonomy.tag.update",
        TagReorder = "taxonomy.tag.reorder",
        TagMoveUses = "taxonomy.tag.move_uses",
        TagDelete = "taxonomy.tag.delete",
    }
}

impl From<ListingAction> for AuditAction {
    fn from(action: ListingAction) -> Self {
        match action {
            ListingAction::Verify => AuditAction::ListingVerify,
            ListingAction::Unverify => AuditAction::ListingUnverify,
            ListingAction::Feature => AuditAction::ListingFeature,
            ListingAction::Unfeature => AuditAction::ListingUnfeature,
            ListingAction::Hide => AuditAction::ListingHide,
            ListingAction::Archive => AuditAction::ListingArchive,
            ListingAction::Restore => AuditAction::ListingRestore,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_actions_on_a_listing_are_filed_under_listing() {
        for action in ListingAction::ALL {
            assert_eq!(AuditAction::from(*action).as_str(), format!("listing.{action}"));
        }
    }
}
