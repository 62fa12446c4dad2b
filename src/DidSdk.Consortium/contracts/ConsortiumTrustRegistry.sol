// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ConsortiumTrustRegistry
/// @notice Who may issue which credential type, decided by the members of a consortium and recorded on the chain.
/// There is no admin key: the deployer only seeds the first members and the threshold. Every later change is a
/// proposal that executes once `threshold` current members have approved it and before it expires.
/// Every change emits an event with the block time, so a verifier can rebuild the whole history from the logs.
contract ConsortiumTrustRegistry {
    enum Action { None, AdmitMember, RemoveMember, ChangeThreshold, Accredit, Suspend, Reinstate, Revoke }

    /// @dev None: never accredited. Revoked is final.
    enum Status { None, Active, Suspended, Revoked }

    struct Member {
        string did;
        string name;
        bool active;
        /// @dev Grows each time the address is admitted, so approvals from an earlier membership no longer count.
        uint64 generation;
    }

    struct Accreditation {
        string issuerDid;
        string credentialType;
        Status status;
        uint64 validFrom;
        uint64 validUntil;
        uint64 updatedAt;
    }

    struct Proposal {
        Action action;
        address proposer;
        uint64 expiresAt;
        bool executed;
        bytes data;
        address[] approvers;
    }

    error NotMember(address account);
    error AlreadyMember(address account);
    error UnknownProposal(uint256 proposalId);
    error ProposalExpired(uint256 proposalId, uint64 expiresAt);
    error AlreadyApproved(uint256 proposalId, address member);
    error AlreadyExecuted(uint256 proposalId);
    error NotEnoughApprovals(uint256 proposalId, uint256 approvals, uint256 threshold);
    error InvalidThreshold(uint256 threshold, uint256 memberCount);
    error InvalidWindow(uint64 validFrom, uint64 validUntil);
    error EmptyValue();
    error UnknownAccreditation(bytes32 accreditationId);
    error InvalidTransition(bytes32 accreditationId, Status from, Action action);
    error InvalidSeed();

    event MemberAdmitted(address indexed member, string did, string name, uint256 indexed proposalId, uint64 at);
    event MemberRemoved(address indexed member, uint256 indexed proposalId, uint64 at);
    event ThresholdChanged(uint256 threshold, uint256 indexed proposalId, uint64 at);
    event ProposalCreated(uint256 indexed proposalId, address indexed proposer, Action action, bytes data, uint64 expiresAt);
    event ProposalApproved(uint256 indexed proposalId, address indexed member);
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);
    event AccreditationChanged(
        bytes32 indexed accreditationId,
        bytes32 indexed issuerHash,
        string issuerDid,
        string credentialType,
        Status status,
        uint64 validFrom,
        uint64 validUntil,
        uint256 indexed proposalId,
        uint64 at);

    uint256 public threshold;
    uint64 public immutable proposalLifetime;
    uint256 public proposalCount;

    address[] private memberList;
    mapping(address => Member) private memberInfo;
    mapping(uint256 => Proposal) private proposals;
    mapping(uint256 => mapping(address => uint64)) private approvalGeneration;
    bytes32[] private accreditationIds;
    mapping(bytes32 => Accreditation) private accreditations;

    /// @param members_ the founding members' addresses; @param dids_ their DIDs; @param names_ their display names.
    constructor(address[] memory members_, string[] memory dids_, string[] memory names_, uint256 threshold_, uint64 proposalLifetime_) {
        if (members_.length == 0 || members_.length != dids_.length || members_.length != names_.length || proposalLifetime_ == 0) {
            revert InvalidSeed();
        }
        for (uint256 i = 0; i < members_.length; i++) {
            _admit(members_[i], dids_[i], names_[i], 0);
        }
        if (threshold_ == 0 || threshold_ > members_.length) {
            revert InvalidThreshold(threshold_, members_.length);
        }
        threshold = threshold_;
        proposalLifetime = proposalLifetime_;
        emit ThresholdChanged(threshold_, 0, uint64(block.timestamp));
    }

    modifier onlyMember() {
        if (!memberInfo[msg.sender].active) revert NotMember(msg.sender);
        _;
    }

    // ---- proposals ----

    function proposeAdmitMember(address member, string calldata did, string calldata name) external onlyMember returns (uint256) {
        if (memberInfo[member].active) revert AlreadyMember(member);
        if (member == address(0) || bytes(did).length == 0 || bytes(name).length == 0) revert EmptyValue();
        return _propose(Action.AdmitMember, abi.encode(member, did, name));
    }

    function proposeRemoveMember(address member) external onlyMember returns (uint256) {
        if (!memberInfo[member].active) revert NotMember(member);
        return _propose(Action.RemoveMember, abi.encode(member));
    }

    function proposeThreshold(uint256 newThreshold) external onlyMember returns (uint256) {
        if (newThreshold == 0 || newThreshold > memberList.length) revert InvalidThreshold(newThreshold, memberList.length);
        return _propose(Action.ChangeThreshold, abi.encode(newThreshold));
    }

    /// @param validUntil 0 means no end.
    function proposeAccredit(string calldata issuerDid, string calldata credentialType, uint64 validFrom, uint64 validUntil) external onlyMember returns (uint256) {
        if (bytes(issuerDid).length == 0 || bytes(credentialType).length == 0) revert EmptyValue();
        if (validUntil != 0 && validUntil <= validFrom) revert InvalidWindow(validFrom, validUntil);
        return _propose(Action.Accredit, abi.encode(issuerDid, credentialType, validFrom, validUntil));
    }

    function proposeSuspend(bytes32 accreditationId) external onlyMember returns (uint256) {
        return _proposeStatus(Action.Suspend, accreditationId);
    }

    function proposeReinstate(bytes32 accreditationId) external onlyMember returns (uint256) {
        return _proposeStatus(Action.Reinstate, accreditationId);
    }

    function proposeRevoke(bytes32 accreditationId) external onlyMember returns (uint256) {
        return _proposeStatus(Action.Revoke, accreditationId);
    }

    function approve(uint256 proposalId) external onlyMember {
        Proposal storage p = _open(proposalId);
        _approve(p, proposalId);
    }

    /// @notice Applies a proposal that current members approved at least `threshold` times. Any member may call it.
    function execute(uint256 proposalId) external onlyMember {
        Proposal storage p = _open(proposalId);
        uint256 count = approvalCount(proposalId);
        if (count < threshold) revert NotEnoughApprovals(proposalId, count, threshold);
        p.executed = true;
        _apply(p.action, p.data, proposalId);
        emit ProposalExecuted(proposalId, msg.sender);
    }

    // ---- reads ----

    function accreditationIdOf(string memory issuerDid, string memory credentialType) public pure returns (bytes32) {
        return keccak256(abi.encode(issuerDid, credentialType));
    }

    function memberCount() external view returns (uint256) {
        return memberList.length;
    }

    function memberAt(uint256 index) external view returns (address member, string memory did, string memory name) {
        member = memberList[index];
        Member storage m = memberInfo[member];
        return (member, m.did, m.name);
    }

    function isMember(address account) external view returns (bool) {
        return memberInfo[account].active;
    }

    /// @notice Approvals that count now: from members who are still members since they approved.
    function approvalCount(uint256 proposalId) public view returns (uint256 count) {
        Proposal storage p = proposals[proposalId];
        for (uint256 i = 0; i < p.approvers.length; i++) {
            Member storage m = memberInfo[p.approvers[i]];
            if (m.active && approvalGeneration[proposalId][p.approvers[i]] == m.generation) {
                count++;
            }
        }
    }

    function getProposal(uint256 proposalId) external view returns (Action action, address proposer, uint64 expiresAt, bool executed, uint256 approvals, bytes memory data) {
        Proposal storage p = proposals[proposalId];
        if (p.action == Action.None) revert UnknownProposal(proposalId);
        return (p.action, p.proposer, p.expiresAt, p.executed, approvalCount(proposalId), p.data);
    }

    function hasApproved(uint256 proposalId, address member) external view returns (bool) {
        Member storage m = memberInfo[member];
        return m.active && approvalGeneration[proposalId][member] == m.generation;
    }

    function accreditationCount() external view returns (uint256) {
        return accreditationIds.length;
    }

    function accreditationAt(uint256 index) external view returns (bytes32 id, string memory issuerDid, string memory credentialType, Status status, uint64 validFrom, uint64 validUntil, uint64 updatedAt) {
        id = accreditationIds[index];
        Accreditation storage a = accreditations[id];
        return (id, a.issuerDid, a.credentialType, a.status, a.validFrom, a.validUntil, a.updatedAt);
    }

    /// @notice Whether the issuer is accredited for the type at this block's time (active and inside its window).
    function isAccredited(string calldata issuerDid, string calldata credentialType) external view returns (bool) {
        Accreditation storage a = accreditations[accreditationIdOf(issuerDid, credentialType)];
        return a.status == Status.Active && block.timestamp >= a.validFrom && (a.validUntil == 0 || block.timestamp < a.validUntil);
    }

    // ---- internals ----

    function _propose(Action action, bytes memory data) private returns (uint256 proposalId) {
        proposalId = ++proposalCount;
        Proposal storage p = proposals[proposalId];
        p.action = action;
        p.proposer = msg.sender;
        p.expiresAt = uint64(block.timestamp) + proposalLifetime;
        p.data = data;
        emit ProposalCreated(proposalId, msg.sender, action, data, p.expiresAt);
        _approve(p, proposalId);
    }

    function _proposeStatus(Action action, bytes32 accreditationId) private returns (uint256) {
        Accreditation storage a = accreditations[accreditationId];
        if (a.status == Status.None) revert UnknownAccreditation(accreditationId);
        _checkTransition(accreditationId, a.status, action);
        return _propose(action, abi.encode(accreditationId));
    }

    function _open(uint256 proposalId) private view returns (Proposal storage p) {
        p = proposals[proposalId];
        if (p.action == Action.None) revert UnknownProposal(proposalId);
        if (p.executed) revert AlreadyExecuted(proposalId);
        if (block.timestamp >= p.expiresAt) revert ProposalExpired(proposalId, p.expiresAt);
    }

    function _approve(Proposal storage p, uint256 proposalId) private {
        Member storage m = memberInfo[msg.sender];
        uint64 previous = approvalGeneration[proposalId][msg.sender];
        if (previous == m.generation) revert AlreadyApproved(proposalId, msg.sender);
        if (previous == 0) {
            p.approvers.push(msg.sender);
        }
        approvalGeneration[proposalId][msg.sender] = m.generation;
        emit ProposalApproved(proposalId, msg.sender);
    }

    function _apply(Action action, bytes memory data, uint256 proposalId) private {
        uint64 at = uint64(block.timestamp);
        if (action == Action.AdmitMember) {
            (address member, string memory did, string memory name) = abi.decode(data, (address, string, string));
            if (memberInfo[member].active) revert AlreadyMember(member);
            _admit(member, did, name, proposalId);
        } else if (action == Action.RemoveMember) {
            address member = abi.decode(data, (address));
            if (!memberInfo[member].active) revert NotMember(member);
            if (memberList.length - 1 < threshold) revert InvalidThreshold(threshold, memberList.length - 1);
            memberInfo[member].active = false;
            for (uint256 i = 0; i < memberList.length; i++) {
                if (memberList[i] == member) {
                    memberList[i] = memberList[memberList.length - 1];
                    memberList.pop();
                    break;
                }
            }
            emit MemberRemoved(member, proposalId, at);
        } else if (action == Action.ChangeThreshold) {
            uint256 newThreshold = abi.decode(data, (uint256));
            if (newThreshold == 0 || newThreshold > memberList.length) revert InvalidThreshold(newThreshold, memberList.length);
            threshold = newThreshold;
            emit ThresholdChanged(newThreshold, proposalId, at);
        } else if (action == Action.Accredit) {
            (string memory issuerDid, string memory credentialType, uint64 validFrom, uint64 validUntil) = abi.decode(data, (string, string, uint64, uint64));
            bytes32 id = accreditationIdOf(issuerDid, credentialType);
            Accreditation storage a = accreditations[id];
            _checkTransition(id, a.status, action);
            if (a.status == Status.None) {
                accreditationIds.push(id);
                a.issuerDid = issuerDid;
                a.credentialType = credentialType;
            }
            a.status = Status.Active;
            a.validFrom = validFrom;
            a.validUntil = validUntil;
            a.updatedAt = at;
            _emitAccreditation(id, a, proposalId, at);
        } else {
            bytes32 id = abi.decode(data, (bytes32));
            Accreditation storage a = accreditations[id];
            _checkTransition(id, a.status, action);
            a.status = action == Action.Suspend ? Status.Suspended : action == Action.Reinstate ? Status.Active : Status.Revoked;
            a.updatedAt = at;
            _emitAccreditation(id, a, proposalId, at);
        }
    }

    function _checkTransition(bytes32 id, Status from, Action action) private pure {
        bool allowed = action == Action.Accredit ? (from == Status.None || from == Status.Active)
            : action == Action.Suspend ? from == Status.Active
            : action == Action.Reinstate ? from == Status.Suspended
            : action == Action.Revoke ? (from == Status.Active || from == Status.Suspended)
            : false;
        if (!allowed) revert InvalidTransition(id, from, action);
    }

    function _emitAccreditation(bytes32 id, Accreditation storage a, uint256 proposalId, uint64 at) private {
        emit AccreditationChanged(id, keccak256(bytes(a.issuerDid)), a.issuerDid, a.credentialType, a.status, a.validFrom, a.validUntil, proposalId, at);
    }

    function _admit(address member, string memory did, string memory name, uint256 proposalId) private {
        if (member == address(0) || bytes(did).length == 0 || bytes(name).length == 0) revert EmptyValue();
        Member storage m = memberInfo[member];
        if (m.active) revert AlreadyMember(member);
        m.active = true;
        m.did = did;
        m.name = name;
        m.generation += 1;
        memberList.push(member);
        emit MemberAdmitted(member, did, name, proposalId, uint64(block.timestamp));
    }
}
