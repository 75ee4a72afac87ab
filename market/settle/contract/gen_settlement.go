// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package contract

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// SettlementMetaData contains all meta data concerning the Settlement contract.
var SettlementMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"withdrawDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"unstakeDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"clientBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"verifierBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint8\",\"name\":\"quorum_\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize_\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"awardBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastSlashedBlock\",\"type\":\"uint64\"}],\"name\":\"AlreadySlashed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"BadAttestationSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadAwardBlock\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadBatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadCommitmentSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadEvidence\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadParams\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"BadVoucherSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"min\",\"type\":\"uint256\"}],\"name\":\"BelowMinStake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ConflictedSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"have\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"InsufficientDeposit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"have\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoRequest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"NotEligible\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToSlash\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Overflow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"SignersNotAscending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"have\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"TooFewAttestations\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"EarningsWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnerChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"ParamsChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"vouchers\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"Settled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"toClient\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"toVerifiers\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"burned\",\"type\":\"uint256\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unstaked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"name\":\"WithdrawRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ATTESTATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"COMMITMENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VOUCHER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"burned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"}],\"name\":\"clientOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"deposit_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"withdrawAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"withdrawAt\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"awardBlockHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"eligible\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"}],\"name\":\"freeDeposit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"owed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"paid\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"params\",\"outputs\":[{\"internalType\":\"uint96\",\"name\":\"totalStake\",\"type\":\"uint96\"},{\"internalType\":\"uint96\",\"name\":\"burned\",\"type\":\"uint96\"},{\"internalType\":\"uint16\",\"name\":\"slashBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"clientBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"verifierBps\",\"type\":\"uint16\"},{\"internalType\":\"uint8\",\"name\":\"quorum\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestWithdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"name\":\"setOwner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"withdrawDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"unstakeDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"clientBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"verifierBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint8\",\"name\":\"quorum_\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize_\",\"type\":\"uint8\"}],\"name\":\"setParams\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"batch\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"ev\",\"type\":\"bytes\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"}],\"name\":\"stakerOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"stake_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"earnings\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"lastSlashedBlock\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"}],\"name\":\"unstakingOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawDelay\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"fromClients\",\"type\":\"address[]\"}],\"name\":\"withdrawEarnings\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Settlement",
	Bin: "0x60c0806040523461037157610100816131b580380380916100208285610375565b8339810103126103715761003381610398565b9061004060208201610398565b604082015190610052606084016103a9565b9361005f608085016103a9565b9061006c60a086016103a9565b9361008560e061007e60c089016103b8565b97016103b8565b91600154904660805260405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527fe286035aa448f89cc5eacf64cf23fc39dd9ff8c08087dc1447b0010f7a76f0a060408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a0815261012060c082610375565b51902060a05261ffff89169561271087118015610340575b8015610335575b801561032a575b8015610322575b8015610312575b6103035760a09190911b63ffffffff60a01b166001600160e01b031990921633600160a01b600160e01b031916179190911760c09190911b63ffffffff60c01b16176001556002556040519060e082016001600160401b038111838210176102ef5760409081525f80546001600160601b03808216808752606083811c90921660208801528685019890985261ffff878116918701919091528816608086015260ff89811660a0870152841660c09586015260f09890981b60ff60f01b1660e09790971b61ffff60e01b16600160601b600160c01b039098169095179790921b61ffff60c01b169690961760d09290921b61ffff60d01b1691909117939093179190911760f89390931b7fff000000000000000000000000000000000000000000000000000000000000001692909217825551907fb5df613ac8191db28b2d6ba41847182281ae6442dc6ea91922dfa26d6ca70d1d9080a1337fa2ea9883a321a3e97b8266c2b078bfeec6d50c711ed71f874a90d500ae2eaf365f80a2612dee90816103c7823960805181612bd7015260a05181612bfd0152f35b634e487b7160e01b5f52604160045260245ffd5b63019af63760e01b5f5260045ffd5b506001600160601b038411610154565b50831561014d565b5060ff851615610146565b5060ff89161561013f565b5061ffff861661ffff8916810180911161035d5761271010610138565b634e487b7160e01b5f52601160045260245ffd5b5f80fd5b601f909101601f19168101906001600160401b038211908210176102ef57604052565b519063ffffffff8216820361037157565b519061ffff8216820361037157565b519060ff821682036103715756fe60806040526004361015610011575f80fd5b5f3560e01c80630288a39c146101e457806304f03273146101df57806307090c1f146101da57806313af4035146101d55780631a33f69b146101d057806323095721146101cb57806328079e4a146101c65780632a21da85146101c15780632def6620146101bc5780633222012f146101b7578063375b3c0a146101b25780633a4b66f1146101ad5780633ccfd60b146101a85780634d900d95146101a357806351d2297d1461019e5780635e47655f1461019957806373f4256114610194578063745400c91461018f57806384db985c1461018a5780638b0e9f3f146101855780638da5cb5b1461018057806394739e871461017b578063ab80731114610176578063cff0ab9614610171578063d0e30db01461016c578063d587692e14610167578063d76bdba714610162578063f2738d971461015d5763f698da2514610158575f80fd5b612208565b6121c2565b612132565b611cfb565b611c41565b611bc5565b611b2d565b611af3565b611ac0565b611a96565b611a5f565b611922565b6118f5565b610fd5565b610f4a565b610ed8565b610d49565b610bc1565b610ba4565b610b7e565b610934565b61071d565b610641565b61043c565b610398565b6102a0565b610248565b61020e565b3461020a575f60031936011261020a57602063ffffffff60015460a01c16604051908152f35b5f80fd5b3461020a575f60031936011261020a5760206040517f311aeac9cf3c7e9af891e67e461f65430bfaf15ab5a507a88a74d3e99a915b058152f35b3461020a575f60031936011261020a5760206040517fa29415ced4d74978ec3f5ddf579ff745b6419cd24a7963f37e232ac7391258938152f35b73ffffffffffffffffffffffffffffffffffffffff81160361020a57565b3461020a57602060031936011261020a576004356102bd81610282565b6001549073ffffffffffffffffffffffffffffffffffffffff821633036103705773ffffffffffffffffffffffffffffffffffffffff16908115610348577fffffffffffffffffffffffff00000000000000000000000000000000000000001681176001557fa2ea9883a321a3e97b8266c2b078bfeec6d50c711ed71f874a90d500ae2eaf365f80a2005b7f019af637000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f30cd7471000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461020a57602060031936011261020a5773ffffffffffffffffffffffffffffffffffffffff6004356103ca81610282565b165f5260036020526103de60405f206122d9565b602081015190516bffffffffffffffffffffffff91821691168082106104205750506bffffffffffffffffffffffff5f5b6040519116815280602081015b0390f35b6bffffffffffffffffffffffff9161043791612359565b61040f565b3461020a57602060031936011261020a576004356104a161049061047e3373ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b546bffffffffffffffffffffffff1690565b6bffffffffffffffffffffffff1690565b81156105f1578082116105c357507f57e41df54512c76148b5ba9b643d149752b0d35e493b969bd017d0a3fe5228cf6105be6104fb6104f56104ec60015463ffffffff9060c01c1690565b63ffffffff1690565b42612391565b6105a56105066122b9565b6bffffffffffffffffffffffff8616815267ffffffffffffffff83166020820152335f908152600560205260409020815181546bffffffffffffffffffffffff19166bffffffffffffffffffffffff9190911617815590602001517fffffffffffffffffffffffff0000000000000000ffffffffffffffffffffffff73ffffffffffffffff00000000000000000000000083549260601b169116179055565b6040805194855260208501919091523393918291820190565b0390a2005b7f45be0a26000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b7f1f2a2005000000000000000000000000000000000000000000000000000000005f5260045ffd5b600319604091011261020a5760043561063181610282565b9060243561063e81610282565b90565b3461020a57602061069873ffffffffffffffffffffffffffffffffffffffff61066936610619565b91165f526006835260405f209073ffffffffffffffffffffffffffffffffffffffff165f5260205260405f2090565b5460801c604051908152f35b6004359063ffffffff8216820361020a57565b6024359063ffffffff8216820361020a57565b6064359061ffff8216820361020a57565b6084359061ffff8216820361020a57565b60a4359061ffff8216820361020a57565b60c4359060ff8216820361020a57565b60e4359060ff8216820361020a57565b3461020a5761010060031936011261020a576107376106a4565b61073f6106b7565b6044359061074b6106ca565b916107546106db565b9161075d6106ec565b916107666106fd565b9061076f61070d565b9373ffffffffffffffffffffffffffffffffffffffff6001541633036103705761271061ffff8816118015610918575b801561090d575b8015610902575b80156108fa575b80156108e5575b6103485761089b6108ba966108786108a6946108736108b0986108256108bf9e7fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff77ffffffff00000000000000000000000000000000000000006001549260a01b16911617600155565b7fffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff7bffffffff0000000000000000000000000000000000000000000000006001549260c01b16911617600155565b600255565b610890610883612716565b61ffff909a1660408b0152565b61ffff166060890152565b61ffff166080870152565b60ff1660a0850152565b60ff1660c0830152565b61281d565b7fb5df613ac8191db28b2d6ba41847182281ae6442dc6ea91922dfa26d6ca70d1d5f80a1005b506bffffffffffffffffffffffff82116107bb565b5081156107b4565b5060ff8516156107ad565b5060ff8316156107a6565b5061271061092e61ffff831661ffff8916612391565b1161079f565b3461020a575f60031936011261020a5761097461096f3373ffffffffffffffffffffffffffffffffffffffff165f52600560205260405f2090565b61239e565b6bffffffffffffffffffffffff61099782516bffffffffffffffffffffffff1690565b1615610b5657602081015167ffffffffffffffff16428111610b1d57610b0b6bffffffffffffffffffffffff836109ec3373ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b610a18610a0582546bffffffffffffffffffffffff1690565b92516bffffffffffffffffffffffff1690565b8284168185161015610b1557905b610a308284612359565b84600254911610610b0d575b610a4a82610a6e9394612359565b6bffffffffffffffffffffffff166bffffffffffffffffffffffff19825416179055565b610ab4610a9082610a8b5f546bffffffffffffffffffffffff1690565b612359565b6bffffffffffffffffffffffff166bffffffffffffffffffffffff195f5416175f55565b335f908152600560205260408120556040516bffffffffffffffffffffffff8216815233907f0f5bb82176feb1b5e747e28471aa92156a04d9f3ab9f45f28e2d704232b93f759080602081015b0390a21633612b2c565b005b829150610a3c565b508190610a26565b7fe58369d1000000000000000000000000000000000000000000000000000000005f524260045267ffffffffffffffff1660245260445ffd5b7fcffd93ac000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461020a575f60031936011261020a57602063ffffffff60015460c01c16604051908152f35b3461020a575f60031936011261020a576020600254604051908152f35b5f60031936011261020a5734156105f157335f908152600460205260409020610c0234610bfd61049084546bffffffffffffffffffffffff1690565b612391565b906bffffffffffffffffffffffff8211610cf157600254808310610d1957506bffffffffffffffffffffffff610c5792166bffffffffffffffffffffffff166bffffffffffffffffffffffff19825416179055565b610c7434610bfd6104905f546bffffffffffffffffffffffff1690565b6bffffffffffffffffffffffff8111610cf1576bffffffffffffffffffffffff610cbd91166bffffffffffffffffffffffff166bffffffffffffffffffffffff195f5416175f55565b60405134815233907f9e71bc8eea02a63969f509818f2dafb9254532904319f9dbda79b67bd34a5f3d9080602081016105be565b7f35278d12000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f9be9d80a000000000000000000000000000000000000000000000000000000005f52600483905260245260445ffd5b3461020a575f60031936011261020a57610d89610d843373ffffffffffffffffffffffffffffffffffffffff165f52600360205260405f2090565b6122d9565b602081016bffffffffffffffffffffffff610db082516bffffffffffffffffffffffff1690565b1615610b5657604082015167ffffffffffffffff16428111610b1d57610b0b6bffffffffffffffffffffffff84610e09610df686516bffffffffffffffffffffffff1690565b91516bffffffffffffffffffffffff1690565b906bffffffffffffffffffffffff82168184161015610eca57610e30610e88918093612359565b610e4f610e3b6122ca565b6bffffffffffffffffffffffff9092168252565b5f60208201525f6040820152610e833373ffffffffffffffffffffffffffffffffffffffff165f52600360205260405f2090565b6123d2565b6040516bffffffffffffffffffffffff8216815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5908060208101610b01565b50610e88610e308280612359565b3461020a5760206fffffffffffffffffffffffffffffffff610f4073ffffffffffffffffffffffffffffffffffffffff610f1136610619565b91165f526006845260405f209073ffffffffffffffffffffffffffffffffffffffff165f5260205260405f2090565b5416604051908152f35b3461020a57602060031936011261020a5760043567ffffffffffffffff811161020a573660238201121561020a57806004013567ffffffffffffffff811161020a573660248260051b8401011161020a576024610b0b92016124f7565b9181601f8401121561020a5782359167ffffffffffffffff831161020a576020838186019501011161020a57565b3461020a57602060031936011261020a5760043567ffffffffffffffff811161020a57611006903690600401610fa7565b60f1811080156118da575b6118b25761102161102891612675565b6041900490565b611030612716565b60a081015160ff1680831061187f5750611048612bd4565b91833593602081013560601c9360688201359060908301359160426040517f311aeac9cf3c7e9af891e67e461f65430bfaf15ab5a507a88a74d3e99a915b058152896020820152886040820152603486013560601c6060820152604886013560808201528260a0820152608886013560c01c60c08201528460e082015261010081207f190100000000000000000000000000000000000000000000000000000000000082528460028301526022820152208785811592831561184c575b5050506118245743608885013560c01c10156117ea5761010061112f608886013560c01c436126a2565b111580611812575b6117ea57611166610d848873ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b916bffffffffffffffffffffffff61118a84516bffffffffffffffffffffffff1690565b16156117c257604083015167ffffffffffffffff16608886013560c01c811015611782575090604291604051917fa29415ced4d74978ec3f5ddf579ff745b6419cd24a7963f37e232ac73912589383528a602084015260408301525f606083015260808220907f1901000000000000000000000000000000000000000000000000000000000000835260028301526022820152209160405161126c8161124060208201948c869091604092825260208201520190565b037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08101835282612278565b51902061128861049087516bffffffffffffffffffffffff1690565b95611292876126dc565b936112d96112d16112b261049087516bffffffffffffffffffffffff1690565b6112cb6112c4604087015161ffff1690565b61ffff1690565b906127e0565b612710900490565b92611301886112fc6112d16112f66112c4608089015161ffff1690565b886127e0565b61270c565b955f5f5b8a811061154257505050506060820151611324915061ffff16836127e0565b6127109004968261133589826126a2565b61133f89886127e0565b611348916126a2565b948051611360906bffffffffffffffffffffffff1690565b6bffffffffffffffffffffffff831661137891612359565b6020909101516bffffffffffffffffffffffff166113946122ca565b6bffffffffffffffffffffffff90921682526bffffffffffffffffffffffff166020820152608888013560c01c60408201526113ee8b73ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b906113f8916123d2565b611401916126a2565b6bffffffffffffffffffffffff166bffffffffffffffffffffffff1681526020810180516bffffffffffffffffffffffff858116911690611441916127f3565b6bffffffffffffffffffffffff16905261145a9061281d565b851515956114936034966114da957f3b844b45f307f6d9f058e959faeedb5820da7df6552ce14b1dd2c35f23a05932996114df576127e0565b91604051968796013560601c869192608093969594919673ffffffffffffffffffffffffffffffffffffffff60a08501981684526020840152604083015260608201520152565b0390a3005b61153d6115108a8a013560601c73ffffffffffffffffffffffffffffffffffffffff165f52600360205260405f2090565b610a4a6bffffffffffffffffffffffff871661153883546bffffffffffffffffffffffff1690565b6127f3565b6127e0565b61155d611556611551836127b9565b612383565b8b87612d3a565b9173ffffffffffffffffffffffffffffffffffffffff83169081156117555773ffffffffffffffffffffffffffffffffffffffff16811115611728578d8114908115611717575b506116ec578b826115d38173ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b9061161a6116168a8885549661160e61160860c06115ff6104908c6bffffffffffffffffffffffff1690565b95015160ff1690565b60ff1690565b92868d612da1565b1590565b6116a6575090600192918b80611634575b50505001611305565b61169e92611656916bffffffffffffffffffffffff9081169160601c166127f3565b7fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff77ffffffffffffffffffffffff00000000000000000000000083549260601b169116179055565b5f808b61162b565b7f6fc842cf000000000000000000000000000000000000000000000000000000005f52600484905273ffffffffffffffffffffffffffffffffffffffff1660245260445ffd5b7ff7cb45a8000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b905060348b013560601c145f6115a4565b7f590a84f7000000000000000000000000000000000000000000000000000000005f52600482905260245ffd5b7fba33db27000000000000000000000000000000000000000000000000000000005f52600483905260245ffd5b7fbe1d06b2000000000000000000000000000000000000000000000000000000005f52608886013560c01c60045267ffffffffffffffff1660245260445ffd5b7f38fbeb34000000000000000000000000000000000000000000000000000000005f5260045ffd5b7fb6bb21b9000000000000000000000000000000000000000000000000000000005f5260045ffd5b5082608885013560c01c401415611137565b7f1dc9bc68000000000000000000000000000000000000000000000000000000005f5260045ffd5b6118759293509061185c91612cb7565b73ffffffffffffffffffffffffffffffffffffffff1690565b141587855f611105565b7fcfec780a000000000000000000000000000000000000000000000000000000005f52600483905260ff1660245260445ffd5b7f57aa51ca000000000000000000000000000000000000000000000000000000005f5260045ffd5b506118ee6118e782612675565b6041900690565b1515611011565b3461020a575f60031936011261020a5760206bffffffffffffffffffffffff5f5460601c16604051908152f35b3461020a57602060031936011261020a57600435335f52600360205260405f2061195881546bffffffffffffffffffffffff1690565b6bffffffffffffffffffffffff81168311611a2157506105be7fd72eb5d043f24a0168ae744d5c44f9596fd673a26bf74d9646bff4b844882d149183155f146119ff576105a55f915b80547fffffffffffffffff00000000000000000000000000000000000000000000000060c085901b166bffffffffffffffffffffffff90911677ffffffffffffffffffffffff000000000000000000000000606089901b1617179055565b6105a5611a1b6104f56104ec60015463ffffffff9060a01c1690565b916119a1565b7f25c3f46e000000000000000000000000000000000000000000000000000000005f526bffffffffffffffffffffffff16600452602482905260445ffd5b3461020a57606060031936011261020a576020611a8c604435602435600435611a8783610282565b612a75565b6040519015158152f35b3461020a575f60031936011261020a5760206bffffffffffffffffffffffff5f5416604051908152f35b3461020a575f60031936011261020a57602073ffffffffffffffffffffffffffffffffffffffff60015416604051908152f35b3461020a575f60031936011261020a5760206040517f1e34a5381a4079fbac7a0316530c99a1702c7bb06df7b07cd648b451f1fcd9db8152f35b3461020a57602060031936011261020a5773ffffffffffffffffffffffffffffffffffffffff600435611b5f81610282565b165f526003602052611b7360405f206122d9565b6bffffffffffffffffffffffff81511661041c67ffffffffffffffff60406bffffffffffffffffffffffff60208601511694015116604051938493846040919493926060820195825260208201520152565b3461020a575f60031936011261020a5760e05f54604051906bffffffffffffffffffffffff811682526bffffffffffffffffffffffff8160601c16602083015261ffff8160c01c16604083015261ffff8160d01c16606083015261ffff81841c16608083015260ff8160f01c1660a083015260f81c60c0820152f35b5f60031936011261020a5734156105f157335f52600360205260405f206bffffffffffffffffffffffff81541690348201809211611cf6576bffffffffffffffffffffffff8211610cf1576bffffffffffffffffffffffff611cc292166bffffffffffffffffffffffff166bffffffffffffffffffffffff19825416179055565b60405134815233907f2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c49080602081016105be565b61232c565b3461020a57604060031936011261020a5760043567ffffffffffffffff811161020a57611d2c903690600401610fa7565b607981049160243591831590811561211f575b506120f757611d4c612bd4565b5f905f905f935f5b878110611dfc5750505091611de36114da92611dbe6bffffffffffffffffffffffff7fe0ecb67aeade448be9222cf6735d02379e767bc18410573312005e0168f7dda596169173ffffffffffffffffffffffffffffffffffffffff165f52600360205260405f2090565b906bffffffffffffffffffffffff166bffffffffffffffffffffffff19825416179055565b6040805195865260208601919091523394918291820190565b813560601c601483013560601c602884013560801c916038850135605886013590607960788801355f1a97019673ffffffffffffffffffffffffffffffffffffffff8b16808503612073575b5060426040517f1e34a5381a4079fbac7a0316530c99a1702c7bb06df7b07cd648b451f1fcd9db8152856020820152866040820152876060820152608081207f190100000000000000000000000000000000000000000000000000000000000082528b60028301526022820152207f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841192831561206a575b8315611ffd575b5050509050611fd05790611f1d611f409273ffffffffffffffffffffffffffffffffffffffff165f52600660205260405f2090565b9073ffffffffffffffffffffffffffffffffffffffff165f5260205260405f2090565b80546fffffffffffffffffffffffffffffffff811692838111611f6a575b50505050600101611d54565b83611f74916126a2565b90878211611fc8575b8115611f5e5781610bfd611f96929b9996959b60801c90565b906fffffffffffffffffffffffffffffffff8211610cf157808060019603980199019060801b179055905f8080611f5e565b879150611f7d565b7f81c5c624000000000000000000000000000000000000000000000000000000005f52600484905260245ffd5b5f935060209461202d91604051948594859094939260ff6060936080840197845216602083015260408201520152565b838052039060015afa15612065578061205a5f5173ffffffffffffffffffffffffffffffffffffffff1690565b1415805f8080611ee8565b612b21565b85159350611ee1565b9a9099919a6120b6575b505081986120af61049061047e8573ffffffffffffffffffffffffffffffffffffffff165f52600360205260405f2090565b985f611e48565b611dbe6bffffffffffffffffffffffff6120f093169173ffffffffffffffffffffffffffffffffffffffff165f52600360205260405f2090565b5f8061207d565b7f86bdc25c000000000000000000000000000000000000000000000000000000005f5260045ffd5b905061212a846127ca565b14155f611d3f565b3461020a57602060031936011261020a5773ffffffffffffffffffffffffffffffffffffffff60043561216481610282565b165f526005602052602060405f206040519061217f82612257565b549067ffffffffffffffff6bffffffffffffffffffffffff83169283835260601c16928391015261041c6040519283928360209093929193604081019481520152565b3461020a57602060031936011261020a5773ffffffffffffffffffffffffffffffffffffffff6004356121f481610282565b165f526004602052611b7360405f206122d9565b3461020a575f60031936011261020a576020612222612bd4565b604051908152f35b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b6040810190811067ffffffffffffffff82111761227357604052565b61222a565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761227357604052565b604051906122c8604083612278565b565b604051906122c8606083612278565b906040516060810181811067ffffffffffffffff8211176122735760405260408193546bffffffffffffffffffffffff811683526bffffffffffffffffffffffff8160601c16602084015260c01c910152565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b906bffffffffffffffffffffffff809116911603906bffffffffffffffffffffffff8211611cf657565b60f101908160f111611cf657565b91908201809211611cf657565b906040516123ab81612257565b91546bffffffffffffffffffffffff8116835260601c67ffffffffffffffff166020830152565b67ffffffffffffffff60406122c89361241a6bffffffffffffffffffffffff82511685906bffffffffffffffffffffffff166bffffffffffffffffffffffff19825416179055565b602081015184547fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff1660609190911b77ffffffffffffffffffffffff000000000000000000000000161784550151825477ffffffffffffffffffffffffffffffffffffffffffffffff16911660c01b7fffffffffffffffff00000000000000000000000000000000000000000000000016179055565b91908110156124c05760051b0190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b3561063e81610282565b906125466bffffffffffffffffffffffff6125303373ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b5460601c166bffffffffffffffffffffffff1690565b9161259a6125723373ffffffffffffffffffffffffffffffffffffffff165f52600460205260405f2090565b7fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff8154169055565b5f5b8281106125e55750505080156105f1576040518181526122c8919033907f48dc35af7b45e2a81fffad55f6e2fafacdb1d3d0d50d24ebdc16324f5ba757f190602090a233612b2c565b60019061266f61265661262c33611f1d612608612603878b8b6124b0565b6124ed565b73ffffffffffffffffffffffffffffffffffffffff165f52600660205260405f2090565b9661265061263b895460801c90565b6fffffffffffffffffffffffffffffffff1690565b90612391565b956fffffffffffffffffffffffffffffffff8154169055565b0161259c565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f8201918211611cf657565b91908203918211611cf657565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b8015612707577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0490565b6126af565b8115612707570490565b6040519060e0820182811067ffffffffffffffff821117612273576040526122c88260c06127b15f546bffffffffffffffffffffffff811684526bffffffffffffffffffffffff8160601c16602085015261ffff81841c1660408501526127906127858261ffff9060d01c1690565b61ffff166060860152565b61ffff60e082901c16608085015260ff60f082901c1660a085015260f81c90565b60ff16910152565b9081604102916041830403611cf657565b90607982029180830460791490151715611cf657565b81810292918115918404141715611cf657565b906bffffffffffffffffffffffff809116911601906bffffffffffffffffffffffff8211611cf657565b612a2460c06122c8926bffffffffffffffffffffffff80825116166bffffffffffffffffffffffff195f5416175f556128ac6bffffffffffffffffffffffff6020830151165f907fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff77ffffffffffffffffffffffff00000000000000000000000083549260601b169116179055565b60408101517fffffffffffff0000ffffffffffffffffffffffffffffffffffffffffffffffff79ffff0000000000000000000000000000000000000000000000005f5492851b169116175f5561295861290a606083015161ffff1690565b5f907fffffffff0000ffffffffffffffffffffffffffffffffffffffffffffffffffff7bffff000000000000000000000000000000000000000000000000000083549260d01b169116179055565b6129ba61296a608083015161ffff1690565b5f907fffff0000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff7dffff0000000000000000000000000000000000000000000000000000000083549260e01b169116179055565b612a1c6129cb60a083015160ff1690565b5f907fff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7eff00000000000000000000000000000000000000000000000000000000000083549260f01b169116179055565b015160ff1690565b5f907effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fff0000000000000000000000000000000000000000000000000000000000000083549260f81b169116179055565b919091612a80612716565b906bffffffffffffffffffffffff825116908115612b185760408051602081019283529081019590955261063e94612abb8160608101611240565b51902073ffffffffffffffffffffffffffffffffffffffff84165f5260046020526bffffffffffffffffffffffff60405f205416936bffffffffffffffffffffffff60ff8060c0612b0b876126dc565b9701511616951691612da1565b50505050505f90565b6040513d5f823e3d90fd5b5f80809373ffffffffffffffffffffffffffffffffffffffff8294165af13d15612bcf573d67ffffffffffffffff81116122735760405190612b9660207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8401160183612278565b81525f60203d92013e5b15612ba757565b7f90b8ec18000000000000000000000000000000000000000000000000000000005f5260045ffd5b612ba0565b467f000000000000000000000000000000000000000000000000000000000000000003612c1f577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527fe286035aa448f89cc5eacf64cf23fc39dd9ff8c08087dc1447b0010f7a76f0a060408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a08152612cb160c082612278565b51902090565b9060d0810135907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08211612d3357602092612d205f9360405193849360f060b0830135920135871a90859094939260ff6060936080840197845216602083015260408201520152565b838052039060015afa15612065575f5190565b5050505f90565b91016020810135907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08211612d3357602092612d205f9360405193849360408235920135871a90859094939260ff6060936080840197845216602083015260408201520152565b91909394928115612de457612db684836127e0565b1015612dda57612dd69361153d925f5260601b60205260345f20946127e0565b1190565b5050505050600190565b5050505050505f9056",
}

// Settlement is an auto generated Go binding around an Ethereum contract.
type Settlement struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Settlement) GetABI() abi.ABI {
	return c.abi
}

// NewSettlement creates a new instance of Settlement.
func NewSettlement() *Settlement {
	parsed, err := SettlementMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Settlement{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Settlement) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint32 withdrawDelay_, uint32 unstakeDelay_, uint256 minStake_, uint16 slashBps_, uint16 clientBps_, uint16 verifierBps_, uint8 quorum_, uint8 committeeSize_) returns()
func (settlement *Settlement) PackConstructor(withdrawDelay_ uint32, unstakeDelay_ uint32, minStake_ *big.Int, slashBps_ uint16, clientBps_ uint16, verifierBps_ uint16, quorum_ uint8, committeeSize_ uint8) []byte {
	enc, err := settlement.abi.Pack("", withdrawDelay_, unstakeDelay_, minStake_, slashBps_, clientBps_, verifierBps_, quorum_, committeeSize_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackATTESTATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07090c1f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ATTESTATION_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) PackATTESTATIONTYPEHASH() []byte {
	enc, err := settlement.abi.Pack("ATTESTATION_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackATTESTATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07090c1f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ATTESTATION_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) TryPackATTESTATIONTYPEHASH() ([]byte, error) {
	return settlement.abi.Pack("ATTESTATION_TYPEHASH")
}

// UnpackATTESTATIONTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x07090c1f.
//
// Solidity: function ATTESTATION_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) UnpackATTESTATIONTYPEHASH(data []byte) ([32]byte, error) {
	out, err := settlement.abi.Unpack("ATTESTATION_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackCOMMITMENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x04f03273.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function COMMITMENT_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) PackCOMMITMENTTYPEHASH() []byte {
	enc, err := settlement.abi.Pack("COMMITMENT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCOMMITMENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x04f03273.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function COMMITMENT_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) TryPackCOMMITMENTTYPEHASH() ([]byte, error) {
	return settlement.abi.Pack("COMMITMENT_TYPEHASH")
}

// UnpackCOMMITMENTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x04f03273.
//
// Solidity: function COMMITMENT_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) UnpackCOMMITMENTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := settlement.abi.Unpack("COMMITMENT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackVOUCHERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94739e87.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) PackVOUCHERTYPEHASH() []byte {
	enc, err := settlement.abi.Pack("VOUCHER_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVOUCHERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94739e87.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) TryPackVOUCHERTYPEHASH() ([]byte, error) {
	return settlement.abi.Pack("VOUCHER_TYPEHASH")
}

// UnpackVOUCHERTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x94739e87.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (settlement *Settlement) UnpackVOUCHERTYPEHASH(data []byte) ([32]byte, error) {
	out, err := settlement.abi.Unpack("VOUCHER_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73f42561.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burned() view returns(uint256)
func (settlement *Settlement) PackBurned() []byte {
	enc, err := settlement.abi.Pack("burned")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73f42561.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burned() view returns(uint256)
func (settlement *Settlement) TryPackBurned() ([]byte, error) {
	return settlement.abi.Pack("burned")
}

// UnpackBurned is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x73f42561.
//
// Solidity: function burned() view returns(uint256)
func (settlement *Settlement) UnpackBurned(data []byte) (*big.Int, error) {
	out, err := settlement.abi.Unpack("burned", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClientOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab807311.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function clientOf(address client) view returns(uint256 deposit_, uint256 withdrawAmount, uint256 withdrawAt)
func (settlement *Settlement) PackClientOf(client common.Address) []byte {
	enc, err := settlement.abi.Pack("clientOf", client)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClientOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab807311.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function clientOf(address client) view returns(uint256 deposit_, uint256 withdrawAmount, uint256 withdrawAt)
func (settlement *Settlement) TryPackClientOf(client common.Address) ([]byte, error) {
	return settlement.abi.Pack("clientOf", client)
}

// ClientOfOutput serves as a container for the return parameters of contract
// method ClientOf.
type ClientOfOutput struct {
	Deposit        *big.Int
	WithdrawAmount *big.Int
	WithdrawAt     *big.Int
}

// UnpackClientOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xab807311.
//
// Solidity: function clientOf(address client) view returns(uint256 deposit_, uint256 withdrawAmount, uint256 withdrawAt)
func (settlement *Settlement) UnpackClientOf(data []byte) (ClientOfOutput, error) {
	out, err := settlement.abi.Unpack("clientOf", data)
	outstruct := new(ClientOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Deposit = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.WithdrawAmount = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.WithdrawAt = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit() payable returns()
func (settlement *Settlement) PackDeposit() []byte {
	enc, err := settlement.abi.Pack("deposit")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit() payable returns()
func (settlement *Settlement) TryPackDeposit() ([]byte, error) {
	return settlement.abi.Pack("deposit")
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (settlement *Settlement) PackDomainSeparator() []byte {
	enc, err := settlement.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (settlement *Settlement) TryPackDomainSeparator() ([]byte, error) {
	return settlement.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (settlement *Settlement) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := settlement.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEligible is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84db985c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eligible(bytes32 taskId, bytes32 awardBlockHash, address verifier) view returns(bool)
func (settlement *Settlement) PackEligible(taskId [32]byte, awardBlockHash [32]byte, verifier common.Address) []byte {
	enc, err := settlement.abi.Pack("eligible", taskId, awardBlockHash, verifier)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEligible is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84db985c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eligible(bytes32 taskId, bytes32 awardBlockHash, address verifier) view returns(bool)
func (settlement *Settlement) TryPackEligible(taskId [32]byte, awardBlockHash [32]byte, verifier common.Address) ([]byte, error) {
	return settlement.abi.Pack("eligible", taskId, awardBlockHash, verifier)
}

// UnpackEligible is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84db985c.
//
// Solidity: function eligible(bytes32 taskId, bytes32 awardBlockHash, address verifier) view returns(bool)
func (settlement *Settlement) UnpackEligible(data []byte) (bool, error) {
	out, err := settlement.abi.Unpack("eligible", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackFreeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1a33f69b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function freeDeposit(address client) view returns(uint256)
func (settlement *Settlement) PackFreeDeposit(client common.Address) []byte {
	enc, err := settlement.abi.Pack("freeDeposit", client)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFreeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1a33f69b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function freeDeposit(address client) view returns(uint256)
func (settlement *Settlement) TryPackFreeDeposit(client common.Address) ([]byte, error) {
	return settlement.abi.Pack("freeDeposit", client)
}

// UnpackFreeDeposit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1a33f69b.
//
// Solidity: function freeDeposit(address client) view returns(uint256)
func (settlement *Settlement) UnpackFreeDeposit(data []byte) (*big.Int, error) {
	out, err := settlement.abi.Unpack("freeDeposit", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x375b3c0a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minStake() view returns(uint256)
func (settlement *Settlement) PackMinStake() []byte {
	enc, err := settlement.abi.Pack("minStake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x375b3c0a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minStake() view returns(uint256)
func (settlement *Settlement) TryPackMinStake() ([]byte, error) {
	return settlement.abi.Pack("minStake")
}

// UnpackMinStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x375b3c0a.
//
// Solidity: function minStake() view returns(uint256)
func (settlement *Settlement) UnpackMinStake(data []byte) (*big.Int, error) {
	out, err := settlement.abi.Unpack("minStake", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x28079e4a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owed(address client, address payee) view returns(uint256)
func (settlement *Settlement) PackOwed(client common.Address, payee common.Address) []byte {
	enc, err := settlement.abi.Pack("owed", client, payee)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x28079e4a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owed(address client, address payee) view returns(uint256)
func (settlement *Settlement) TryPackOwed(client common.Address, payee common.Address) ([]byte, error) {
	return settlement.abi.Pack("owed", client, payee)
}

// UnpackOwed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x28079e4a.
//
// Solidity: function owed(address client, address payee) view returns(uint256)
func (settlement *Settlement) UnpackOwed(data []byte) (*big.Int, error) {
	out, err := settlement.abi.Unpack("owed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (settlement *Settlement) PackOwner() []byte {
	enc, err := settlement.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (settlement *Settlement) TryPackOwner() ([]byte, error) {
	return settlement.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (settlement *Settlement) UnpackOwner(data []byte) (common.Address, error) {
	out, err := settlement.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPaid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4d900d95.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paid(address client, address payee) view returns(uint256)
func (settlement *Settlement) PackPaid(client common.Address, payee common.Address) []byte {
	enc, err := settlement.abi.Pack("paid", client, payee)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4d900d95.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paid(address client, address payee) view returns(uint256)
func (settlement *Settlement) TryPackPaid(client common.Address, payee common.Address) ([]byte, error) {
	return settlement.abi.Pack("paid", client, payee)
}

// UnpackPaid is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4d900d95.
//
// Solidity: function paid(address client, address payee) view returns(uint256)
func (settlement *Settlement) UnpackPaid(data []byte) (*big.Int, error) {
	out, err := settlement.abi.Unpack("paid", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcff0ab96.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function params() view returns(uint96 totalStake, uint96 burned, uint16 slashBps, uint16 clientBps, uint16 verifierBps, uint8 quorum, uint8 committeeSize)
func (settlement *Settlement) PackParams() []byte {
	enc, err := settlement.abi.Pack("params")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcff0ab96.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function params() view returns(uint96 totalStake, uint96 burned, uint16 slashBps, uint16 clientBps, uint16 verifierBps, uint8 quorum, uint8 committeeSize)
func (settlement *Settlement) TryPackParams() ([]byte, error) {
	return settlement.abi.Pack("params")
}

// ParamsOutput serves as a container for the return parameters of contract
// method Params.
type ParamsOutput struct {
	TotalStake    *big.Int
	Burned        *big.Int
	SlashBps      uint16
	ClientBps     uint16
	VerifierBps   uint16
	Quorum        uint8
	CommitteeSize uint8
}

// UnpackParams is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcff0ab96.
//
// Solidity: function params() view returns(uint96 totalStake, uint96 burned, uint16 slashBps, uint16 clientBps, uint16 verifierBps, uint8 quorum, uint8 committeeSize)
func (settlement *Settlement) UnpackParams(data []byte) (ParamsOutput, error) {
	out, err := settlement.abi.Unpack("params", data)
	outstruct := new(ParamsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.TotalStake = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Burned = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.SlashBps = *abi.ConvertType(out[2], new(uint16)).(*uint16)
	outstruct.ClientBps = *abi.ConvertType(out[3], new(uint16)).(*uint16)
	outstruct.VerifierBps = *abi.ConvertType(out[4], new(uint16)).(*uint16)
	outstruct.Quorum = *abi.ConvertType(out[5], new(uint8)).(*uint8)
	outstruct.CommitteeSize = *abi.ConvertType(out[6], new(uint8)).(*uint8)
	return *outstruct, nil
}

// PackRequestUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23095721.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnstake(uint256 amount) returns()
func (settlement *Settlement) PackRequestUnstake(amount *big.Int) []byte {
	enc, err := settlement.abi.Pack("requestUnstake", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23095721.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnstake(uint256 amount) returns()
func (settlement *Settlement) TryPackRequestUnstake(amount *big.Int) ([]byte, error) {
	return settlement.abi.Pack("requestUnstake", amount)
}

// PackRequestWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x745400c9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestWithdraw(uint256 amount) returns()
func (settlement *Settlement) PackRequestWithdraw(amount *big.Int) []byte {
	enc, err := settlement.abi.Pack("requestWithdraw", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x745400c9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestWithdraw(uint256 amount) returns()
func (settlement *Settlement) TryPackRequestWithdraw(amount *big.Int) ([]byte, error) {
	return settlement.abi.Pack("requestWithdraw", amount)
}

// PackSetOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x13af4035.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setOwner(address owner_) returns()
func (settlement *Settlement) PackSetOwner(owner common.Address) []byte {
	enc, err := settlement.abi.Pack("setOwner", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x13af4035.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setOwner(address owner_) returns()
func (settlement *Settlement) TryPackSetOwner(owner common.Address) ([]byte, error) {
	return settlement.abi.Pack("setOwner", owner)
}

// PackSetParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2a21da85.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setParams(uint32 withdrawDelay_, uint32 unstakeDelay_, uint256 minStake_, uint16 slashBps_, uint16 clientBps_, uint16 verifierBps_, uint8 quorum_, uint8 committeeSize_) returns()
func (settlement *Settlement) PackSetParams(withdrawDelay uint32, unstakeDelay uint32, minStake *big.Int, slashBps uint16, clientBps uint16, verifierBps uint16, quorum uint8, committeeSize uint8) []byte {
	enc, err := settlement.abi.Pack("setParams", withdrawDelay, unstakeDelay, minStake, slashBps, clientBps, verifierBps, quorum, committeeSize)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2a21da85.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setParams(uint32 withdrawDelay_, uint32 unstakeDelay_, uint256 minStake_, uint16 slashBps_, uint16 clientBps_, uint16 verifierBps_, uint8 quorum_, uint8 committeeSize_) returns()
func (settlement *Settlement) TryPackSetParams(withdrawDelay uint32, unstakeDelay uint32, minStake *big.Int, slashBps uint16, clientBps uint16, verifierBps uint16, quorum uint8, committeeSize uint8) ([]byte, error) {
	return settlement.abi.Pack("setParams", withdrawDelay, unstakeDelay, minStake, slashBps, clientBps, verifierBps, quorum, committeeSize)
}

// PackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd587692e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settle(bytes batch, bytes32 receiptsRoot) returns()
func (settlement *Settlement) PackSettle(batch []byte, receiptsRoot [32]byte) []byte {
	enc, err := settlement.abi.Pack("settle", batch, receiptsRoot)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd587692e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settle(bytes batch, bytes32 receiptsRoot) returns()
func (settlement *Settlement) TryPackSettle(batch []byte, receiptsRoot [32]byte) ([]byte, error) {
	return settlement.abi.Pack("settle", batch, receiptsRoot)
}

// PackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5e47655f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(bytes ev) returns()
func (settlement *Settlement) PackSlash(ev []byte) []byte {
	enc, err := settlement.abi.Pack("slash", ev)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5e47655f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(bytes ev) returns()
func (settlement *Settlement) TryPackSlash(ev []byte) ([]byte, error) {
	return settlement.abi.Pack("slash", ev)
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a4b66f1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake() payable returns()
func (settlement *Settlement) PackStake() []byte {
	enc, err := settlement.abi.Pack("stake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a4b66f1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake() payable returns()
func (settlement *Settlement) TryPackStake() ([]byte, error) {
	return settlement.abi.Pack("stake")
}

// PackStakerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2738d97.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakerOf(address staker) view returns(uint256 stake_, uint256 earnings, uint256 lastSlashedBlock)
func (settlement *Settlement) PackStakerOf(staker common.Address) []byte {
	enc, err := settlement.abi.Pack("stakerOf", staker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2738d97.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakerOf(address staker) view returns(uint256 stake_, uint256 earnings, uint256 lastSlashedBlock)
func (settlement *Settlement) TryPackStakerOf(staker common.Address) ([]byte, error) {
	return settlement.abi.Pack("stakerOf", staker)
}

// StakerOfOutput serves as a container for the return parameters of contract
// method StakerOf.
type StakerOfOutput struct {
	Stake            *big.Int
	Earnings         *big.Int
	LastSlashedBlock *big.Int
}

// UnpackStakerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf2738d97.
//
// Solidity: function stakerOf(address staker) view returns(uint256 stake_, uint256 earnings, uint256 lastSlashedBlock)
func (settlement *Settlement) UnpackStakerOf(data []byte) (StakerOfOutput, error) {
	out, err := settlement.abi.Unpack("stakerOf", data)
	outstruct := new(StakerOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Stake = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Earnings = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.LastSlashedBlock = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackTotalStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b0e9f3f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalStake() view returns(uint256)
func (settlement *Settlement) PackTotalStake() []byte {
	enc, err := settlement.abi.Pack("totalStake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b0e9f3f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalStake() view returns(uint256)
func (settlement *Settlement) TryPackTotalStake() ([]byte, error) {
	return settlement.abi.Pack("totalStake")
}

// UnpackTotalStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8b0e9f3f.
//
// Solidity: function totalStake() view returns(uint256)
func (settlement *Settlement) UnpackTotalStake(data []byte) (*big.Int, error) {
	out, err := settlement.abi.Unpack("totalStake", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2def6620.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unstake() returns()
func (settlement *Settlement) PackUnstake() []byte {
	enc, err := settlement.abi.Pack("unstake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2def6620.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unstake() returns()
func (settlement *Settlement) TryPackUnstake() ([]byte, error) {
	return settlement.abi.Pack("unstake")
}

// PackUnstakeDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3222012f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unstakeDelay() view returns(uint32)
func (settlement *Settlement) PackUnstakeDelay() []byte {
	enc, err := settlement.abi.Pack("unstakeDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnstakeDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3222012f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unstakeDelay() view returns(uint32)
func (settlement *Settlement) TryPackUnstakeDelay() ([]byte, error) {
	return settlement.abi.Pack("unstakeDelay")
}

// UnpackUnstakeDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3222012f.
//
// Solidity: function unstakeDelay() view returns(uint32)
func (settlement *Settlement) UnpackUnstakeDelay(data []byte) (uint32, error) {
	out, err := settlement.abi.Unpack("unstakeDelay", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackUnstakingOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd76bdba7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unstakingOf(address staker) view returns(uint256 amount, uint256 unlockAt)
func (settlement *Settlement) PackUnstakingOf(staker common.Address) []byte {
	enc, err := settlement.abi.Pack("unstakingOf", staker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnstakingOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd76bdba7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unstakingOf(address staker) view returns(uint256 amount, uint256 unlockAt)
func (settlement *Settlement) TryPackUnstakingOf(staker common.Address) ([]byte, error) {
	return settlement.abi.Pack("unstakingOf", staker)
}

// UnstakingOfOutput serves as a container for the return parameters of contract
// method UnstakingOf.
type UnstakingOfOutput struct {
	Amount   *big.Int
	UnlockAt *big.Int
}

// UnpackUnstakingOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd76bdba7.
//
// Solidity: function unstakingOf(address staker) view returns(uint256 amount, uint256 unlockAt)
func (settlement *Settlement) UnpackUnstakingOf(data []byte) (UnstakingOfOutput, error) {
	out, err := settlement.abi.Unpack("unstakingOf", data)
	outstruct := new(UnstakingOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Amount = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.UnlockAt = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw() returns()
func (settlement *Settlement) PackWithdraw() []byte {
	enc, err := settlement.abi.Pack("withdraw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw() returns()
func (settlement *Settlement) TryPackWithdraw() ([]byte, error) {
	return settlement.abi.Pack("withdraw")
}

// PackWithdrawDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0288a39c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawDelay() view returns(uint32)
func (settlement *Settlement) PackWithdrawDelay() []byte {
	enc, err := settlement.abi.Pack("withdrawDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0288a39c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawDelay() view returns(uint32)
func (settlement *Settlement) TryPackWithdrawDelay() ([]byte, error) {
	return settlement.abi.Pack("withdrawDelay")
}

// UnpackWithdrawDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0288a39c.
//
// Solidity: function withdrawDelay() view returns(uint32)
func (settlement *Settlement) UnpackWithdrawDelay(data []byte) (uint32, error) {
	out, err := settlement.abi.Unpack("withdrawDelay", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackWithdrawEarnings is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51d2297d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawEarnings(address[] fromClients) returns()
func (settlement *Settlement) PackWithdrawEarnings(fromClients []common.Address) []byte {
	enc, err := settlement.abi.Pack("withdrawEarnings", fromClients)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawEarnings is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51d2297d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawEarnings(address[] fromClients) returns()
func (settlement *Settlement) TryPackWithdrawEarnings(fromClients []common.Address) ([]byte, error) {
	return settlement.abi.Pack("withdrawEarnings", fromClients)
}

// SettlementDeposited represents a Deposited event raised by the Settlement contract.
type SettlementDeposited struct {
	Client common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SettlementDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (SettlementDeposited) ContractEventName() string {
	return SettlementDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(address indexed client, uint256 amount)
func (settlement *Settlement) UnpackDepositedEvent(log *types.Log) (*SettlementDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementDeposited)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementEarningsWithdrawn represents a EarningsWithdrawn event raised by the Settlement contract.
type SettlementEarningsWithdrawn struct {
	Payee  common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SettlementEarningsWithdrawnEventName = "EarningsWithdrawn"

// ContractEventName returns the user-defined event name.
func (SettlementEarningsWithdrawn) ContractEventName() string {
	return SettlementEarningsWithdrawnEventName
}

// UnpackEarningsWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EarningsWithdrawn(address indexed payee, uint256 amount)
func (settlement *Settlement) UnpackEarningsWithdrawnEvent(log *types.Log) (*SettlementEarningsWithdrawn, error) {
	event := "EarningsWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementEarningsWithdrawn)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementOwnerChanged represents a OwnerChanged event raised by the Settlement contract.
type SettlementOwnerChanged struct {
	Owner common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SettlementOwnerChangedEventName = "OwnerChanged"

// ContractEventName returns the user-defined event name.
func (SettlementOwnerChanged) ContractEventName() string {
	return SettlementOwnerChangedEventName
}

// UnpackOwnerChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnerChanged(address indexed owner)
func (settlement *Settlement) UnpackOwnerChangedEvent(log *types.Log) (*SettlementOwnerChanged, error) {
	event := "OwnerChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementOwnerChanged)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementParamsChanged represents a ParamsChanged event raised by the Settlement contract.
type SettlementParamsChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const SettlementParamsChangedEventName = "ParamsChanged"

// ContractEventName returns the user-defined event name.
func (SettlementParamsChanged) ContractEventName() string {
	return SettlementParamsChangedEventName
}

// UnpackParamsChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParamsChanged()
func (settlement *Settlement) UnpackParamsChangedEvent(log *types.Log) (*SettlementParamsChanged, error) {
	event := "ParamsChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementParamsChanged)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementSettled represents a Settled event raised by the Settlement contract.
type SettlementSettled struct {
	ReceiptsRoot [32]byte
	Submitter    common.Address
	Vouchers     *big.Int
	Total        *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const SettlementSettledEventName = "Settled"

// ContractEventName returns the user-defined event name.
func (SettlementSettled) ContractEventName() string {
	return SettlementSettledEventName
}

// UnpackSettledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Settled(bytes32 indexed receiptsRoot, address indexed submitter, uint256 vouchers, uint256 total)
func (settlement *Settlement) UnpackSettledEvent(log *types.Log) (*SettlementSettled, error) {
	event := "Settled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementSettled)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementSlashed represents a Slashed event raised by the Settlement contract.
type SettlementSlashed struct {
	Provider    common.Address
	TaskId      [32]byte
	Client      common.Address
	Amount      *big.Int
	ToClient    *big.Int
	ToVerifiers *big.Int
	Burned      *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const SettlementSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (SettlementSlashed) ContractEventName() string {
	return SettlementSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(address indexed provider, bytes32 indexed taskId, address client, uint256 amount, uint256 toClient, uint256 toVerifiers, uint256 burned)
func (settlement *Settlement) UnpackSlashedEvent(log *types.Log) (*SettlementSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementSlashed)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementStaked represents a Staked event raised by the Settlement contract.
type SettlementStaked struct {
	Staker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SettlementStakedEventName = "Staked"

// ContractEventName returns the user-defined event name.
func (SettlementStaked) ContractEventName() string {
	return SettlementStakedEventName
}

// UnpackStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Staked(address indexed staker, uint256 amount)
func (settlement *Settlement) UnpackStakedEvent(log *types.Log) (*SettlementStaked, error) {
	event := "Staked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementStaked)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementUnstakeRequested represents a UnstakeRequested event raised by the Settlement contract.
type SettlementUnstakeRequested struct {
	Staker   common.Address
	Amount   *big.Int
	UnlockAt *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const SettlementUnstakeRequestedEventName = "UnstakeRequested"

// ContractEventName returns the user-defined event name.
func (SettlementUnstakeRequested) ContractEventName() string {
	return SettlementUnstakeRequestedEventName
}

// UnpackUnstakeRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnstakeRequested(address indexed staker, uint256 amount, uint256 unlockAt)
func (settlement *Settlement) UnpackUnstakeRequestedEvent(log *types.Log) (*SettlementUnstakeRequested, error) {
	event := "UnstakeRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementUnstakeRequested)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementUnstaked represents a Unstaked event raised by the Settlement contract.
type SettlementUnstaked struct {
	Staker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SettlementUnstakedEventName = "Unstaked"

// ContractEventName returns the user-defined event name.
func (SettlementUnstaked) ContractEventName() string {
	return SettlementUnstakedEventName
}

// UnpackUnstakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unstaked(address indexed staker, uint256 amount)
func (settlement *Settlement) UnpackUnstakedEvent(log *types.Log) (*SettlementUnstaked, error) {
	event := "Unstaked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementUnstaked)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementWithdrawRequested represents a WithdrawRequested event raised by the Settlement contract.
type SettlementWithdrawRequested struct {
	Client   common.Address
	Amount   *big.Int
	UnlockAt *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const SettlementWithdrawRequestedEventName = "WithdrawRequested"

// ContractEventName returns the user-defined event name.
func (SettlementWithdrawRequested) ContractEventName() string {
	return SettlementWithdrawRequestedEventName
}

// UnpackWithdrawRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawRequested(address indexed client, uint256 amount, uint256 unlockAt)
func (settlement *Settlement) UnpackWithdrawRequestedEvent(log *types.Log) (*SettlementWithdrawRequested, error) {
	event := "WithdrawRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementWithdrawRequested)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SettlementWithdrawn represents a Withdrawn event raised by the Settlement contract.
type SettlementWithdrawn struct {
	Client common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SettlementWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (SettlementWithdrawn) ContractEventName() string {
	return SettlementWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed client, uint256 amount)
func (settlement *Settlement) UnpackWithdrawnEvent(log *types.Log) (*SettlementWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != settlement.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SettlementWithdrawn)
	if len(log.Data) > 0 {
		if err := settlement.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range settlement.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (settlement *Settlement) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], settlement.abi.Errors["AlreadySlashed"].ID.Bytes()[:4]) {
		return settlement.UnpackAlreadySlashedError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadAttestationSignature"].ID.Bytes()[:4]) {
		return settlement.UnpackBadAttestationSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadAwardBlock"].ID.Bytes()[:4]) {
		return settlement.UnpackBadAwardBlockError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadBatch"].ID.Bytes()[:4]) {
		return settlement.UnpackBadBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadCommitmentSignature"].ID.Bytes()[:4]) {
		return settlement.UnpackBadCommitmentSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadEvidence"].ID.Bytes()[:4]) {
		return settlement.UnpackBadEvidenceError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadParams"].ID.Bytes()[:4]) {
		return settlement.UnpackBadParamsError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BadVoucherSignature"].ID.Bytes()[:4]) {
		return settlement.UnpackBadVoucherSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["BelowMinStake"].ID.Bytes()[:4]) {
		return settlement.UnpackBelowMinStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["ConflictedSigner"].ID.Bytes()[:4]) {
		return settlement.UnpackConflictedSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["InsufficientDeposit"].ID.Bytes()[:4]) {
		return settlement.UnpackInsufficientDepositError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["InsufficientStake"].ID.Bytes()[:4]) {
		return settlement.UnpackInsufficientStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["NoRequest"].ID.Bytes()[:4]) {
		return settlement.UnpackNoRequestError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["NotEligible"].ID.Bytes()[:4]) {
		return settlement.UnpackNotEligibleError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return settlement.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["NothingToSlash"].ID.Bytes()[:4]) {
		return settlement.UnpackNothingToSlashError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["Overflow"].ID.Bytes()[:4]) {
		return settlement.UnpackOverflowError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["SignersNotAscending"].ID.Bytes()[:4]) {
		return settlement.UnpackSignersNotAscendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["TooEarly"].ID.Bytes()[:4]) {
		return settlement.UnpackTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["TooFewAttestations"].ID.Bytes()[:4]) {
		return settlement.UnpackTooFewAttestationsError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return settlement.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], settlement.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return settlement.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SettlementAlreadySlashed represents a AlreadySlashed error raised by the Settlement contract.
type SettlementAlreadySlashed struct {
	AwardBlock       uint64
	LastSlashedBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadySlashed(uint64 awardBlock, uint64 lastSlashedBlock)
func SettlementAlreadySlashedErrorID() common.Hash {
	return common.HexToHash("0xbe1d06b2e4f980d780a4c4e0a1e0a321cc1a3797c656ee7f63492251b317be80")
}

// UnpackAlreadySlashedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadySlashed(uint64 awardBlock, uint64 lastSlashedBlock)
func (settlement *Settlement) UnpackAlreadySlashedError(raw []byte) (*SettlementAlreadySlashed, error) {
	out := new(SettlementAlreadySlashed)
	if err := settlement.abi.UnpackIntoInterface(out, "AlreadySlashed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadAttestationSignature represents a BadAttestationSignature error raised by the Settlement contract.
type SettlementBadAttestationSignature struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadAttestationSignature(uint256 index)
func SettlementBadAttestationSignatureErrorID() common.Hash {
	return common.HexToHash("0xba33db2776aec4b96b611c52e8a9e44fad3477b5f90b6044fc46040336258aa4")
}

// UnpackBadAttestationSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadAttestationSignature(uint256 index)
func (settlement *Settlement) UnpackBadAttestationSignatureError(raw []byte) (*SettlementBadAttestationSignature, error) {
	out := new(SettlementBadAttestationSignature)
	if err := settlement.abi.UnpackIntoInterface(out, "BadAttestationSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadAwardBlock represents a BadAwardBlock error raised by the Settlement contract.
type SettlementBadAwardBlock struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadAwardBlock()
func SettlementBadAwardBlockErrorID() common.Hash {
	return common.HexToHash("0xb6bb21b93fe14476bf05a41e25dcf3c784b39fba1e7d8aa5ef80627b38cb29c5")
}

// UnpackBadAwardBlockError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadAwardBlock()
func (settlement *Settlement) UnpackBadAwardBlockError(raw []byte) (*SettlementBadAwardBlock, error) {
	out := new(SettlementBadAwardBlock)
	if err := settlement.abi.UnpackIntoInterface(out, "BadAwardBlock", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadBatch represents a BadBatch error raised by the Settlement contract.
type SettlementBadBatch struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadBatch()
func SettlementBadBatchErrorID() common.Hash {
	return common.HexToHash("0x86bdc25c99648598923bb853ace35b4957af66811405e311820e81be4c44dd00")
}

// UnpackBadBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadBatch()
func (settlement *Settlement) UnpackBadBatchError(raw []byte) (*SettlementBadBatch, error) {
	out := new(SettlementBadBatch)
	if err := settlement.abi.UnpackIntoInterface(out, "BadBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadCommitmentSignature represents a BadCommitmentSignature error raised by the Settlement contract.
type SettlementBadCommitmentSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadCommitmentSignature()
func SettlementBadCommitmentSignatureErrorID() common.Hash {
	return common.HexToHash("0x1dc9bc6863f53bae236ba298c1e8b9e47e3e52379a39686d66f79f5863e66c04")
}

// UnpackBadCommitmentSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadCommitmentSignature()
func (settlement *Settlement) UnpackBadCommitmentSignatureError(raw []byte) (*SettlementBadCommitmentSignature, error) {
	out := new(SettlementBadCommitmentSignature)
	if err := settlement.abi.UnpackIntoInterface(out, "BadCommitmentSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadEvidence represents a BadEvidence error raised by the Settlement contract.
type SettlementBadEvidence struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadEvidence()
func SettlementBadEvidenceErrorID() common.Hash {
	return common.HexToHash("0x57aa51cae9e2b30bfbe89d256846dd5dd5f968ae048d9214ca29b4359f48e900")
}

// UnpackBadEvidenceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadEvidence()
func (settlement *Settlement) UnpackBadEvidenceError(raw []byte) (*SettlementBadEvidence, error) {
	out := new(SettlementBadEvidence)
	if err := settlement.abi.UnpackIntoInterface(out, "BadEvidence", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadParams represents a BadParams error raised by the Settlement contract.
type SettlementBadParams struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadParams()
func SettlementBadParamsErrorID() common.Hash {
	return common.HexToHash("0x019af6379de0e1c5d9ed7bc9cadaf094fc9efb595904a561b64245c59cd9399f")
}

// UnpackBadParamsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadParams()
func (settlement *Settlement) UnpackBadParamsError(raw []byte) (*SettlementBadParams, error) {
	out := new(SettlementBadParams)
	if err := settlement.abi.UnpackIntoInterface(out, "BadParams", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBadVoucherSignature represents a BadVoucherSignature error raised by the Settlement contract.
type SettlementBadVoucherSignature struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadVoucherSignature(uint256 index)
func SettlementBadVoucherSignatureErrorID() common.Hash {
	return common.HexToHash("0x81c5c624f233c6703b626c77cf8942a11a749f15c58300bb807d83a31f773746")
}

// UnpackBadVoucherSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadVoucherSignature(uint256 index)
func (settlement *Settlement) UnpackBadVoucherSignatureError(raw []byte) (*SettlementBadVoucherSignature, error) {
	out := new(SettlementBadVoucherSignature)
	if err := settlement.abi.UnpackIntoInterface(out, "BadVoucherSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementBelowMinStake represents a BelowMinStake error raised by the Settlement contract.
type SettlementBelowMinStake struct {
	Stake *big.Int
	Min   *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BelowMinStake(uint256 stake, uint256 min)
func SettlementBelowMinStakeErrorID() common.Hash {
	return common.HexToHash("0x9be9d80a2ed2f98354f5a04a44a1269c0d187132b9fc1f98adb9d57bbccaa294")
}

// UnpackBelowMinStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BelowMinStake(uint256 stake, uint256 min)
func (settlement *Settlement) UnpackBelowMinStakeError(raw []byte) (*SettlementBelowMinStake, error) {
	out := new(SettlementBelowMinStake)
	if err := settlement.abi.UnpackIntoInterface(out, "BelowMinStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementConflictedSigner represents a ConflictedSigner error raised by the Settlement contract.
type SettlementConflictedSigner struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ConflictedSigner(uint256 index)
func SettlementConflictedSignerErrorID() common.Hash {
	return common.HexToHash("0xf7cb45a83cbdc528c5fd5347930f2c459beb29a026f2055b3bace3e1930f624a")
}

// UnpackConflictedSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ConflictedSigner(uint256 index)
func (settlement *Settlement) UnpackConflictedSignerError(raw []byte) (*SettlementConflictedSigner, error) {
	out := new(SettlementConflictedSigner)
	if err := settlement.abi.UnpackIntoInterface(out, "ConflictedSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementInsufficientDeposit represents a InsufficientDeposit error raised by the Settlement contract.
type SettlementInsufficientDeposit struct {
	Have *big.Int
	Want *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientDeposit(uint256 have, uint256 want)
func SettlementInsufficientDepositErrorID() common.Hash {
	return common.HexToHash("0x25c3f46ecd0dcfead2bb7f0a56ddd46b53657101f862f3a681b9f02ac28ed92f")
}

// UnpackInsufficientDepositError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientDeposit(uint256 have, uint256 want)
func (settlement *Settlement) UnpackInsufficientDepositError(raw []byte) (*SettlementInsufficientDeposit, error) {
	out := new(SettlementInsufficientDeposit)
	if err := settlement.abi.UnpackIntoInterface(out, "InsufficientDeposit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementInsufficientStake represents a InsufficientStake error raised by the Settlement contract.
type SettlementInsufficientStake struct {
	Have *big.Int
	Want *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientStake(uint256 have, uint256 want)
func SettlementInsufficientStakeErrorID() common.Hash {
	return common.HexToHash("0x45be0a261a88f9fedc41221879f08865d5e8d6053c877967e6e8e39e5697e6d5")
}

// UnpackInsufficientStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientStake(uint256 have, uint256 want)
func (settlement *Settlement) UnpackInsufficientStakeError(raw []byte) (*SettlementInsufficientStake, error) {
	out := new(SettlementInsufficientStake)
	if err := settlement.abi.UnpackIntoInterface(out, "InsufficientStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementNoRequest represents a NoRequest error raised by the Settlement contract.
type SettlementNoRequest struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoRequest()
func SettlementNoRequestErrorID() common.Hash {
	return common.HexToHash("0xcffd93ac9808f40ff5eaca0504be4decee930088067044d8402a1beaa6f56f21")
}

// UnpackNoRequestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoRequest()
func (settlement *Settlement) UnpackNoRequestError(raw []byte) (*SettlementNoRequest, error) {
	out := new(SettlementNoRequest)
	if err := settlement.abi.UnpackIntoInterface(out, "NoRequest", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementNotEligible represents a NotEligible error raised by the Settlement contract.
type SettlementNotEligible struct {
	Index  *big.Int
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotEligible(uint256 index, address signer)
func SettlementNotEligibleErrorID() common.Hash {
	return common.HexToHash("0x6fc842cfc29c1e2bc16cbfa44c8a6d9c18ce3d672dc914c6b80037c0463844bb")
}

// UnpackNotEligibleError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotEligible(uint256 index, address signer)
func (settlement *Settlement) UnpackNotEligibleError(raw []byte) (*SettlementNotEligible, error) {
	out := new(SettlementNotEligible)
	if err := settlement.abi.UnpackIntoInterface(out, "NotEligible", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementNotOwner represents a NotOwner error raised by the Settlement contract.
type SettlementNotOwner struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner()
func SettlementNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x30cd74712f59d478562d48e2d35de830db72c60a63dd08ae59199eec990b5bc4")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner()
func (settlement *Settlement) UnpackNotOwnerError(raw []byte) (*SettlementNotOwner, error) {
	out := new(SettlementNotOwner)
	if err := settlement.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementNothingToSlash represents a NothingToSlash error raised by the Settlement contract.
type SettlementNothingToSlash struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToSlash()
func SettlementNothingToSlashErrorID() common.Hash {
	return common.HexToHash("0x38fbeb34fc70fd7612ecd7603d509005316bc8c3f394bef31ead760e49cbd86f")
}

// UnpackNothingToSlashError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToSlash()
func (settlement *Settlement) UnpackNothingToSlashError(raw []byte) (*SettlementNothingToSlash, error) {
	out := new(SettlementNothingToSlash)
	if err := settlement.abi.UnpackIntoInterface(out, "NothingToSlash", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementOverflow represents a Overflow error raised by the Settlement contract.
type SettlementOverflow struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Overflow()
func SettlementOverflowErrorID() common.Hash {
	return common.HexToHash("0x35278d127e53c148a0565944278d7e3633ce8d20f99f96aa81dc51a2ab474200")
}

// UnpackOverflowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Overflow()
func (settlement *Settlement) UnpackOverflowError(raw []byte) (*SettlementOverflow, error) {
	out := new(SettlementOverflow)
	if err := settlement.abi.UnpackIntoInterface(out, "Overflow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementSignersNotAscending represents a SignersNotAscending error raised by the Settlement contract.
type SettlementSignersNotAscending struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignersNotAscending(uint256 index)
func SettlementSignersNotAscendingErrorID() common.Hash {
	return common.HexToHash("0x590a84f76cadfc6716aaea24107af9134f0cd4c66edbe9af3ffe914656b566fa")
}

// UnpackSignersNotAscendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignersNotAscending(uint256 index)
func (settlement *Settlement) UnpackSignersNotAscendingError(raw []byte) (*SettlementSignersNotAscending, error) {
	out := new(SettlementSignersNotAscending)
	if err := settlement.abi.UnpackIntoInterface(out, "SignersNotAscending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementTooEarly represents a TooEarly error raised by the Settlement contract.
type SettlementTooEarly struct {
	Now      *big.Int
	UnlockAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooEarly(uint256 now_, uint256 unlockAt)
func SettlementTooEarlyErrorID() common.Hash {
	return common.HexToHash("0xe58369d1bf8fa4cf500d8cc0c220f6a0845d3ec0e42895d7d9bdf831b8642795")
}

// UnpackTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooEarly(uint256 now_, uint256 unlockAt)
func (settlement *Settlement) UnpackTooEarlyError(raw []byte) (*SettlementTooEarly, error) {
	out := new(SettlementTooEarly)
	if err := settlement.abi.UnpackIntoInterface(out, "TooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementTooFewAttestations represents a TooFewAttestations error raised by the Settlement contract.
type SettlementTooFewAttestations struct {
	Have *big.Int
	Want *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooFewAttestations(uint256 have, uint256 want)
func SettlementTooFewAttestationsErrorID() common.Hash {
	return common.HexToHash("0xcfec780a916ac9782b3590a8111bb8e33bcdc5bb94a673e7afd0faeae67c661f")
}

// UnpackTooFewAttestationsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooFewAttestations(uint256 have, uint256 want)
func (settlement *Settlement) UnpackTooFewAttestationsError(raw []byte) (*SettlementTooFewAttestations, error) {
	out := new(SettlementTooFewAttestations)
	if err := settlement.abi.UnpackIntoInterface(out, "TooFewAttestations", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementTransferFailed represents a TransferFailed error raised by the Settlement contract.
type SettlementTransferFailed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed()
func SettlementTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x90b8ec1877afffd816d05d9b13947f3ff18ec5851c38bad15ec2b710f92391b1")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed()
func (settlement *Settlement) UnpackTransferFailedError(raw []byte) (*SettlementTransferFailed, error) {
	out := new(SettlementTransferFailed)
	if err := settlement.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SettlementZeroAmount represents a ZeroAmount error raised by the Settlement contract.
type SettlementZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func SettlementZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (settlement *Settlement) UnpackZeroAmountError(raw []byte) (*SettlementZeroAmount, error) {
	out := new(SettlementZeroAmount)
	if err := settlement.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
