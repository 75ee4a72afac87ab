// SPDX-License-Identifier: MIT
pragma solidity =0.8.37;

/// @title ogpu Settlement
/// @notice Holds client deposits, provider/verifier stakes and earnings in the
/// native currency. Clients pay with EIP-712 cumulative vouchers redeemed in
/// batches; providers that lie are slashed on their own signed result
/// commitment plus a quorum of attestations from the committee that the
/// stake-weighted sortition rule names. See docs/contract.md.
///
/// Invariant: address(this).balance == Σ deposit + Σ stake + Σ earnings
///            + Σ owed + burned.
contract Settlement {
    // ---------------------------------------------------------------- EIP-712

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("Voucher(address client,address payee,uint256 cumulativeAmount)");
    bytes32 public constant COMMITMENT_TYPEHASH = keccak256(
        "ResultCommitment(bytes32 taskId,address provider,address client,bytes32 outputHash,bytes32 resultHash,uint64 awardBlock,bytes32 awardBlockHash)"
    );
    bytes32 public constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(bytes32 taskId,bytes32 resultHash,bool valid)");

    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedSeparator;

    // ---------------------------------------------------------------- storage

    /// Slot read by slash: everything it needs in one cold load.
    struct Params {
        uint96 totalStake; // Σ stake
        uint96 burned; // slashed and locked forever
        uint16 slashBps; // fraction of the provider's stake taken by one slash
        uint16 clientBps; // share of the slashed amount credited to the client's deposit
        uint16 verifierBps; // share split among the attesting verifiers
        uint8 quorum; // attestations needed to slash
        uint8 committeeSize; // expected committee size of the sortition
    }

    struct ClientAccount {
        uint96 deposit;
        uint96 withdrawAmount; // requested, still spendable by vouchers until withdrawn
        uint64 withdrawAt;
    }

    struct StakerAccount {
        uint96 stake;
        uint96 earnings; // slash rewards, withdrawn by withdrawEarnings
        uint64 lastSlashedBlock; // award block of the last evidence that slashed this provider
    }

    struct Unstaking {
        uint96 amount;
        uint64 unlockAt;
    }

    /// One slot per (client, payee): cumulative paid and what the payee has
    /// not yet withdrawn.
    struct Pair {
        uint128 paid;
        uint128 owed;
    }

    Params public params;
    address public owner;
    uint32 public withdrawDelay;
    uint32 public unstakeDelay;
    uint256 public minStake;

    mapping(address => ClientAccount) private clients;
    mapping(address => StakerAccount) private stakers;
    mapping(address => Unstaking) private unstaking;
    mapping(address => mapping(address => Pair)) private pairs;

    // ---------------------------------------------------------------- events

    event Deposited(address indexed client, uint256 amount);
    event WithdrawRequested(address indexed client, uint256 amount, uint256 unlockAt);
    event Withdrawn(address indexed client, uint256 amount);
    event Staked(address indexed staker, uint256 amount);
    event UnstakeRequested(address indexed staker, uint256 amount, uint256 unlockAt);
    event Unstaked(address indexed staker, uint256 amount);
    event EarningsWithdrawn(address indexed payee, uint256 amount);
    /// One per settle call; receiptsRoot is the Merkle root of the task
    /// receipts the batch pays for.
    event Settled(bytes32 indexed receiptsRoot, address indexed submitter, uint256 vouchers, uint256 total);
    /// verifier is the attesting member that received the verifier share.
    event Slashed(address indexed provider, bytes32 indexed taskId, uint256 amount, address verifier);
    event ParamsChanged();
    event OwnerChanged(address indexed owner);

    // ---------------------------------------------------------------- errors

    error NotOwner();
    error BadParams();
    error ZeroAmount();
    error Overflow();
    error InsufficientDeposit(uint256 have, uint256 want);
    error InsufficientStake(uint256 have, uint256 want);
    error BelowMinStake(uint256 stake, uint256 min);
    error NoRequest();
    error TooEarly(uint256 now_, uint256 unlockAt);
    error TransferFailed();
    error BadBatch();
    error BadVoucherSignature(uint256 index);
    error BadEvidence();
    error BadCommitmentSignature();
    error BadAttestationSignature(uint256 index);
    error SignersNotAscending(uint256 index);
    error ConflictedSigner(uint256 index);
    error NotEligible(uint256 index, address signer);
    error TooFewAttestations(uint256 have, uint256 want);
    error BadAwardBlock();
    error AlreadySlashed(uint64 awardBlock, uint64 lastSlashedBlock);
    error NothingToSlash();

    constructor(
        uint32 withdrawDelay_,
        uint32 unstakeDelay_,
        uint256 minStake_,
        uint16 slashBps_,
        uint16 clientBps_,
        uint16 verifierBps_,
        uint8 quorum_,
        uint8 committeeSize_
    ) {
        owner = msg.sender;
        cachedChainId = block.chainid;
        cachedSeparator = _computeSeparator();
        _setParams(withdrawDelay_, unstakeDelay_, minStake_, slashBps_, clientBps_, verifierBps_, quorum_, committeeSize_);
        emit OwnerChanged(msg.sender);
    }

    // ---------------------------------------------------------------- owner

    function setParams(
        uint32 withdrawDelay_,
        uint32 unstakeDelay_,
        uint256 minStake_,
        uint16 slashBps_,
        uint16 clientBps_,
        uint16 verifierBps_,
        uint8 quorum_,
        uint8 committeeSize_
    ) external {
        if (msg.sender != owner) revert NotOwner();
        _setParams(withdrawDelay_, unstakeDelay_, minStake_, slashBps_, clientBps_, verifierBps_, quorum_, committeeSize_);
    }

    function setOwner(address owner_) external {
        if (msg.sender != owner) revert NotOwner();
        if (owner_ == address(0)) revert BadParams();
        owner = owner_;
        emit OwnerChanged(owner_);
    }

    function _setParams(
        uint32 withdrawDelay_,
        uint32 unstakeDelay_,
        uint256 minStake_,
        uint16 slashBps_,
        uint16 clientBps_,
        uint16 verifierBps_,
        uint8 quorum_,
        uint8 committeeSize_
    ) private {
        if (
            slashBps_ > 10000 || uint256(clientBps_) + verifierBps_ > 10000 || quorum_ == 0 || committeeSize_ == 0
                || minStake_ == 0 || minStake_ > type(uint96).max
        ) revert BadParams();
        withdrawDelay = withdrawDelay_;
        unstakeDelay = unstakeDelay_;
        minStake = minStake_;
        Params memory p = params;
        p.slashBps = slashBps_;
        p.clientBps = clientBps_;
        p.verifierBps = verifierBps_;
        p.quorum = quorum_;
        p.committeeSize = committeeSize_;
        params = p;
        emit ParamsChanged();
    }

    // ---------------------------------------------------------------- clients

    function deposit() external payable {
        if (msg.value == 0) revert ZeroAmount();
        ClientAccount storage c = clients[msg.sender];
        uint256 d = uint256(c.deposit) + msg.value;
        if (d > type(uint96).max) revert Overflow();
        c.deposit = uint96(d);
        emit Deposited(msg.sender, msg.value);
    }

    /// Announces a withdrawal of amount after withdrawDelay. The amount stays
    /// spendable by vouchers until then, so payees can redeem first. A new
    /// request replaces the old one; amount 0 cancels.
    function requestWithdraw(uint256 amount) external {
        ClientAccount storage c = clients[msg.sender];
        if (amount > c.deposit) revert InsufficientDeposit(c.deposit, amount);
        uint256 unlock = amount == 0 ? 0 : block.timestamp + withdrawDelay;
        c.withdrawAmount = uint96(amount);
        c.withdrawAt = uint64(unlock);
        emit WithdrawRequested(msg.sender, amount, unlock);
    }

    /// Pays out the requested amount (or what is left of the deposit).
    function withdraw() external {
        ClientAccount memory c = clients[msg.sender];
        if (c.withdrawAmount == 0) revert NoRequest();
        if (block.timestamp < c.withdrawAt) revert TooEarly(block.timestamp, c.withdrawAt);
        uint96 amt = c.withdrawAmount < c.deposit ? c.withdrawAmount : c.deposit;
        clients[msg.sender] = ClientAccount(c.deposit - amt, 0, 0);
        emit Withdrawn(msg.sender, amt);
        _send(msg.sender, amt);
    }

    // ---------------------------------------------------------------- stakers

    function stake() external payable {
        if (msg.value == 0) revert ZeroAmount();
        StakerAccount storage s = stakers[msg.sender];
        uint256 st = uint256(s.stake) + msg.value;
        if (st > type(uint96).max) revert Overflow();
        if (st < minStake) revert BelowMinStake(st, minStake);
        s.stake = uint96(st);
        Params storage p = params;
        uint256 total = uint256(p.totalStake) + msg.value;
        if (total > type(uint96).max) revert Overflow();
        p.totalStake = uint96(total);
        emit Staked(msg.sender, msg.value);
    }

    /// Announces an unstake after unstakeDelay. The stake stays slashable and
    /// eligible for committees until then, so evidence can land first.
    function requestUnstake(uint256 amount) external {
        uint256 st = stakers[msg.sender].stake;
        if (amount == 0) revert ZeroAmount();
        if (amount > st) revert InsufficientStake(st, amount);
        uint256 unlock = block.timestamp + unstakeDelay;
        unstaking[msg.sender] = Unstaking(uint96(amount), uint64(unlock));
        emit UnstakeRequested(msg.sender, amount, unlock);
    }

    /// Pays out the requested stake. If what would remain is below minStake
    /// the whole stake is paid out.
    function unstake() external {
        Unstaking memory u = unstaking[msg.sender];
        if (u.amount == 0) revert NoRequest();
        if (block.timestamp < u.unlockAt) revert TooEarly(block.timestamp, u.unlockAt);
        StakerAccount storage s = stakers[msg.sender];
        uint96 st = s.stake;
        uint96 amt = u.amount < st ? u.amount : st;
        if (st - amt < minStake) amt = st;
        s.stake = st - amt;
        params.totalStake -= amt;
        delete unstaking[msg.sender];
        emit Unstaked(msg.sender, amt);
        _send(msg.sender, amt);
    }

    /// Withdraws slash rewards plus what the vouchers of the given clients
    /// credited to msg.sender.
    function withdrawEarnings(address[] calldata fromClients) external {
        uint256 total = stakers[msg.sender].earnings;
        stakers[msg.sender].earnings = 0;
        for (uint256 i = 0; i < fromClients.length; i++) {
            Pair storage pr = pairs[fromClients[i]][msg.sender];
            total += pr.owed;
            pr.owed = 0;
        }
        if (total == 0) revert ZeroAmount();
        emit EarningsWithdrawn(msg.sender, total);
        _send(msg.sender, total);
    }

    // ---------------------------------------------------------------- settle

    /// Redeems a batch of cumulative vouchers. batch is n packed records of
    /// 121 bytes: client(20) ‖ payee(20) ‖ cumulativeAmount(uint128, 16) ‖
    /// r(32) ‖ s(32) ‖ v(1). Each pays the increase over what the pair was
    /// already paid, capped by the client's deposit; a lower or equal amount
    /// pays nothing. Any bad signature reverts the whole batch. Consecutive
    /// records of one client share one deposit update.
    function settle(bytes calldata batch, bytes32 receiptsRoot) external {
        uint256 n = batch.length / 121;
        if (n == 0 || batch.length != n * 121) revert BadBatch();
        bytes32 sep = _separator();
        bytes32 vth = VOUCHER_TYPEHASH;
        address cur;
        uint256 dep;
        uint256 total;
        uint256 off;
        assembly ("memory-safe") {
            off := batch.offset
        }
        for (uint256 i = 0; i < n; i++) {
            address client;
            address payee;
            uint256 amount;
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                client := shr(96, calldataload(off))
                payee := shr(96, calldataload(add(off, 20)))
                amount := shr(128, calldataload(add(off, 40)))
                r := calldataload(add(off, 56))
                s := calldataload(add(off, 88))
                v := byte(0, calldataload(add(off, 120)))
                off := add(off, 121)
            }
            if (client != cur) {
                if (cur != address(0)) clients[cur].deposit = uint96(dep);
                cur = client;
                dep = clients[client].deposit;
            }
            bytes32 digest;
            assembly ("memory-safe") {
                let m := mload(0x40)
                mstore(m, vth)
                mstore(add(m, 0x20), client)
                mstore(add(m, 0x40), payee)
                mstore(add(m, 0x60), amount)
                let sh := keccak256(m, 0x80)
                mstore(m, 0x1901000000000000000000000000000000000000000000000000000000000000)
                mstore(add(m, 0x02), sep)
                mstore(add(m, 0x22), sh)
                digest := keccak256(m, 0x42)
            }
            if (uint256(s) > HALF_N || client == address(0) || ecrecover(digest, v, r, s) != client) {
                revert BadVoucherSignature(i);
            }
            Pair storage pr = pairs[client][payee];
            uint256 word;
            assembly ("memory-safe") {
                word := sload(pr.slot)
            }
            uint256 paid_ = uint128(word);
            if (amount > paid_) {
                uint256 inc = amount - paid_;
                if (inc > dep) inc = dep;
                if (inc != 0) {
                    uint256 owed_ = (word >> 128) + inc;
                    if (owed_ > type(uint128).max) revert Overflow();
                    unchecked {
                        dep -= inc;
                        total += inc;
                        paid_ += inc; // ≤ amount < 2^128
                    }
                    assembly ("memory-safe") {
                        sstore(pr.slot, or(shl(128, owed_), paid_))
                    }
                }
            }
        }
        clients[cur].deposit = uint96(dep);
        emit Settled(receiptsRoot, msg.sender, n, total);
    }

    // ---------------------------------------------------------------- slash

    /// Slashes a provider that signed a result a committee quorum rejected.
    /// ev is packed: taskId(32) ‖ provider(20) ‖ client(20) ‖ outputHash(32)
    /// ‖ resultHash(32) ‖ awardBlock(8) ‖ awardBlockHash(32) ‖ commitment
    /// signature(65) ‖ k attestation signatures(65 each, r‖s‖v), signers in
    /// strictly ascending address order. Every attestation is
    /// Attestation{taskId, resultHash, valid: false}. Each signer must be
    /// eligible by the sortition rule (see eligible) and be neither the
    /// provider nor the client. A provider is slashed at most once per award
    /// block, and evidence must come in award-block order.
    ///
    /// slashBps of the provider's stake is taken: clientBps of it goes to the
    /// client's deposit, verifierBps to the signer with the lowest sortition
    /// score (one reward per slash keeps the gas flat; each member's chance
    /// is equal, so the expected reward is the same as an even split), the
    /// rest is burned.
    function slash(bytes calldata ev) external {
        if (ev.length < 241 || (ev.length - 241) % 65 != 0) revert BadEvidence();
        uint256 k = (ev.length - 241) / 65;
        uint256 pw;
        assembly ("memory-safe") {
            pw := sload(params.slot)
        }
        if (k < (pw >> 240) & 0xff) revert TooFewAttestations(k, (pw >> 240) & 0xff);

        bytes32 sep = _separator();
        (bytes32 taskId, address provider, address client, uint64 awardBlock, bytes32 seed, bytes32 attDigest) =
            _commitment(ev, sep);
        if (awardBlock >= block.number) revert BadAwardBlock();
        if (block.number - awardBlock <= 256 && blockhash(awardBlock) != _awardBlockHash(ev)) revert BadAwardBlock();

        uint256 provSlot = _slotOf(provider, 1);
        uint256 ps;
        assembly ("memory-safe") {
            ps := sload(provSlot)
        }
        uint256 provStake = ps & 0xffffffffffffffffffffffff;
        if (provStake == 0) revert NothingToSlash();
        if (awardBlock <= ps >> 192) revert AlreadySlashed(awardBlock, uint64(ps >> 192));

        uint256 total = pw & 0xffffffffffffffffffffffff;
        uint256 unit = type(uint256).max / total; // total ≥ provStake > 0
        uint256 size = pw >> 248;
        address prev;
        address winner;
        uint256 best = type(uint256).max;
        for (uint256 i = 0; i < k; i++) {
            address signer = _recover(attDigest, ev, 241 + 65 * i);
            if (signer == address(0)) revert BadAttestationSignature(i);
            if (signer <= prev) revert SignersNotAscending(i);
            if (signer == provider || signer == client) revert ConflictedSigner(i);
            prev = signer;
            uint256 slot = _slotOf(signer, 1);
            uint256 st;
            uint256 h;
            assembly ("memory-safe") {
                st := and(sload(slot), 0xffffffffffffffffffffffff)
                mstore(0x00, seed)
                mstore(0x20, shl(96, signer))
                h := keccak256(0x00, 52)
            }
            if (st == 0 || (st * size < total && h >= unit * st * size)) revert NotEligible(i, signer);
            if (h < best) {
                best = h;
                winner = signer;
            }
        }

        uint256 amount = provStake * ((pw >> 192) & 0xffff) / 10000;
        uint256 toClient = amount * ((pw >> 208) & 0xffff) / 10000;
        uint256 toVerifier = amount * ((pw >> 224) & 0xffff) / 10000;
        uint256 burn = amount - toClient - toVerifier;
        // Effects. amount ≤ stake ≤ total; additions stay below the total
        // supply, far under 2^96.
        uint256 clientSlot = _slotOf(client, 0);
        uint256 winnerSlot = _slotOf(winner, 1);
        assembly ("memory-safe") {
            // provider: stake -= amount, lastSlashedBlock = awardBlock
            sstore(provSlot, or(and(sub(ps, amount), 0xffffffffffffffffffffffffffffffffffffffffffffffff), shl(192, awardBlock)))
            // params: totalStake -= amount, burned += burn
            sstore(params.slot, add(sub(pw, amount), shl(96, burn)))
            if toClient { sstore(clientSlot, add(sload(clientSlot), toClient)) }
            if toVerifier { sstore(winnerSlot, add(sload(winnerSlot), shl(96, toVerifier))) }
        }
        emit Slashed(provider, taskId, amount, winner);
    }

    /// Hashes the commitment, checks the provider's signature and returns
    /// the fields slash needs plus the digest of the rejecting attestation.
    function _commitment(bytes calldata ev, bytes32 sep)
        private
        view
        returns (bytes32 taskId, address provider, address client, uint64 awardBlock, bytes32 seed, bytes32 attDigest)
    {
        bytes32 digest;
        bytes32 cth = COMMITMENT_TYPEHASH;
        bytes32 ath = ATTESTATION_TYPEHASH;
        assembly ("memory-safe") {
            let o := ev.offset
            taskId := calldataload(o)
            provider := shr(96, calldataload(add(o, 32)))
            client := shr(96, calldataload(add(o, 52)))
            let resultHash := calldataload(add(o, 104))
            awardBlock := shr(192, calldataload(add(o, 136)))
            let abh := calldataload(add(o, 144))
            let m := mload(0x40)
            mstore(m, cth)
            mstore(add(m, 0x20), taskId)
            mstore(add(m, 0x40), provider)
            mstore(add(m, 0x60), client)
            mstore(add(m, 0x80), calldataload(add(o, 72))) // outputHash
            mstore(add(m, 0xa0), resultHash)
            mstore(add(m, 0xc0), awardBlock)
            mstore(add(m, 0xe0), abh)
            let sh := keccak256(m, 0x100)
            mstore(m, 0x1901000000000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x02), sep)
            mstore(add(m, 0x22), sh)
            digest := keccak256(m, 0x42)
            // Attestation{taskId, resultHash, valid=false}
            mstore(m, ath)
            mstore(add(m, 0x20), taskId)
            mstore(add(m, 0x40), resultHash)
            mstore(add(m, 0x60), 0)
            sh := keccak256(m, 0x80)
            mstore(m, 0x1901000000000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x02), sep)
            mstore(add(m, 0x22), sh)
            attDigest := keccak256(m, 0x42)
            mstore(0x00, taskId)
            mstore(0x20, abh)
            seed := keccak256(0x00, 0x40)
        }
        if (provider == address(0) || _recover(digest, ev, 176) != provider) revert BadCommitmentSignature();
    }

    function _awardBlockHash(bytes calldata ev) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            h := calldataload(add(ev.offset, 144))
        }
    }

    /// Storage slot of clients[a] (which == 0) or stakers[a] (which == 1).
    function _slotOf(address a, uint256 which) private pure returns (uint256 slot) {
        uint256 base;
        if (which == 0) {
            assembly ("memory-safe") {
                base := clients.slot
            }
        } else {
            assembly ("memory-safe") {
                base := stakers.slot
            }
        }
        assembly ("memory-safe") {
            mstore(0x00, a)
            mstore(0x20, base)
            slot := keccak256(0x00, 0x40)
        }
    }

    // ---------------------------------------------------------------- views

    function domainSeparator() external view returns (bytes32) {
        return _separator();
    }

    function paid(address client, address payee) external view returns (uint256) {
        return pairs[client][payee].paid;
    }

    function owed(address client, address payee) external view returns (uint256) {
        return pairs[client][payee].owed;
    }

    /// Returns deposit, the pending withdrawal and when it unlocks.
    function clientOf(address client) external view returns (uint256 deposit_, uint256 withdrawAmount, uint256 withdrawAt) {
        ClientAccount memory c = clients[client];
        return (c.deposit, c.withdrawAmount, c.withdrawAt);
    }

    /// Deposit not announced for withdrawal: what a provider may bid against.
    function freeDeposit(address client) external view returns (uint256) {
        ClientAccount memory c = clients[client];
        return c.withdrawAmount >= c.deposit ? 0 : c.deposit - c.withdrawAmount;
    }

    /// Returns stake, slash-reward earnings and the last slashed award block.
    function stakerOf(address staker)
        external
        view
        returns (uint256 stake_, uint256 earnings, uint256 lastSlashedBlock)
    {
        StakerAccount memory s = stakers[staker];
        return (s.stake, s.earnings, s.lastSlashedBlock);
    }

    function unstakingOf(address staker) external view returns (uint256 amount, uint256 unlockAt) {
        Unstaking memory u = unstaking[staker];
        return (u.amount, u.unlockAt);
    }

    function totalStake() external view returns (uint256) {
        return params.totalStake;
    }

    function burned() external view returns (uint256) {
        return params.burned;
    }

    /// The committee rule with current stakes: verifier is eligible for the
    /// task when uint256(keccak256(seed ‖ verifier)) < ⌊(2²⁵⁶−1)/totalStake⌋
    /// · stake · committeeSize, with seed = keccak256(taskId ‖ awardBlockHash).
    function eligible(bytes32 taskId, bytes32 awardBlockHash, address verifier) external view returns (bool) {
        Params memory p = params;
        uint256 total = p.totalStake;
        if (total == 0) return false;
        bytes32 seed = keccak256(abi.encodePacked(taskId, awardBlockHash));
        return _eligibleUnit(
            seed, verifier, stakers[verifier].stake, total, type(uint256).max / total, p.committeeSize
        );
    }

    // ---------------------------------------------------------------- internal

    function _eligibleUnit(bytes32 seed, address v, uint256 st, uint256 total, uint256 unit, uint256 size)
        private
        pure
        returns (bool)
    {
        if (st == 0) return false;
        if (st * size >= total) return true;
        uint256 h;
        assembly ("memory-safe") {
            mstore(0x00, seed)
            mstore(0x20, shl(96, v))
            h := keccak256(0x00, 52)
        }
        return h < unit * st * size;
    }

    /// Recovers the signer of digest from the 65-byte r‖s‖v signature at
    /// ev[pos:]; address(0) for a malformed or high-s signature.
    function _recover(bytes32 digest, bytes calldata ev, uint256 pos) private view returns (address signer) {
        assembly ("memory-safe") {
            let o := add(ev.offset, pos)
            let sv := calldataload(add(o, 32))
            if iszero(gt(sv, 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0)) {
                let m := mload(0x40)
                mstore(m, digest)
                mstore(add(m, 0x20), byte(0, calldataload(add(o, 64))))
                mstore(add(m, 0x40), calldataload(o))
                mstore(add(m, 0x60), sv)
                mstore(0x00, 0)
                pop(staticcall(gas(), 1, m, 0x80, 0x00, 0x20))
                signer := mload(0x00)
            }
        }
    }

    function _separator() private view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedSeparator : _computeSeparator();
    }

    function _computeSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("ogpu"), keccak256("1"), block.chainid, address(this)));
    }

    function _send(address to, uint256 amount) private {
        (bool ok,) = payable(to).call{value: amount}("");
        if (!ok) revert TransferFailed();
    }
}
