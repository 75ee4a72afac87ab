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
	ABI: "[{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"withdrawDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"unstakeDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"clientBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"verifierBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint8\",\"name\":\"quorum_\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize_\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"awardBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastSlashedBlock\",\"type\":\"uint64\"}],\"name\":\"AlreadySlashed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"BadAttestationSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadAwardBlock\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadBatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadCommitmentSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadEvidence\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadParams\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"BadVoucherSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"min\",\"type\":\"uint256\"}],\"name\":\"BelowMinStake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ConflictedSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"have\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"InsufficientDeposit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"have\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoRequest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"NotEligible\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToSlash\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Overflow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"SignersNotAscending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"have\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"TooFewAttestations\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"EarningsWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnerChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"ParamsChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"vouchers\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"Settled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unstaked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"name\":\"WithdrawRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ATTESTATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"COMMITMENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VOUCHER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"burned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"}],\"name\":\"clientOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"deposit_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"withdrawAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"withdrawAt\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"awardBlockHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"eligible\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"}],\"name\":\"freeDeposit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"owed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"paid\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"params\",\"outputs\":[{\"internalType\":\"uint96\",\"name\":\"totalStake\",\"type\":\"uint96\"},{\"internalType\":\"uint96\",\"name\":\"burned\",\"type\":\"uint96\"},{\"internalType\":\"uint16\",\"name\":\"slashBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"clientBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"verifierBps\",\"type\":\"uint16\"},{\"internalType\":\"uint8\",\"name\":\"quorum\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestWithdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"name\":\"setOwner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"withdrawDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"unstakeDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"clientBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"verifierBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint8\",\"name\":\"quorum_\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize_\",\"type\":\"uint8\"}],\"name\":\"setParams\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"batch\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"ev\",\"type\":\"bytes\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"}],\"name\":\"stakerOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"stake_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"earnings\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"lastSlashedBlock\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"staker\",\"type\":\"address\"}],\"name\":\"unstakingOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unlockAt\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawDelay\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"fromClients\",\"type\":\"address[]\"}],\"name\":\"withdrawEarnings\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Settlement",
	Bin: "0x60c08060405234610371576101008161296380380380916100208285610375565b8339810103126103715761003381610398565b9061004060208201610398565b604082015190610052606084016103a9565b9361005f608085016103a9565b9061006c60a086016103a9565b9361008560e061007e60c089016103b8565b97016103b8565b91600154904660805260405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527fe286035aa448f89cc5eacf64cf23fc39dd9ff8c08087dc1447b0010f7a76f0a060408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a0815261012060c082610375565b51902060a05261ffff89169561271087118015610340575b8015610335575b801561032a575b8015610322575b8015610312575b6103035760a09190911b63ffffffff60a01b166001600160e01b031990921633600160a01b600160e01b031916179190911760c09190911b63ffffffff60c01b16176001556002556040519060e082016001600160401b038111838210176102ef5760409081525f80546001600160601b03808216808752606083811c90921660208801528685019890985261ffff878116918701919091528816608086015260ff89811660a0870152841660c09586015260f09890981b60ff60f01b1660e09790971b61ffff60e01b16600160601b600160c01b039098169095179790921b61ffff60c01b169690961760d09290921b61ffff60d01b1691909117939093179190911760f89390931b7fff000000000000000000000000000000000000000000000000000000000000001692909217825551907fb5df613ac8191db28b2d6ba41847182281ae6442dc6ea91922dfa26d6ca70d1d9080a1337fa2ea9883a321a3e97b8266c2b078bfeec6d50c711ed71f874a90d500ae2eaf365f80a261259c90816103c782396080518161246f015260a051816124950152f35b634e487b7160e01b5f52604160045260245ffd5b63019af63760e01b5f5260045ffd5b506001600160601b038411610154565b50831561014d565b5060ff851615610146565b5060ff89161561013f565b5061ffff861661ffff8916810180911161035d5761271010610138565b634e487b7160e01b5f52601160045260245ffd5b5f80fd5b601f909101601f19168101906001600160401b038211908210176102ef57604052565b519063ffffffff8216820361037157565b519061ffff8216820361037157565b519060ff821682036103715756fe610100806040526004361015610013575f80fd5b5f3560e01c9081630288a39c146120b05750806304f032731461207657806307090c1f1461203c57806313af403514611f985780631a33f69b14611f095780632309572114611db357806328079e4a14611d425780632a21da85146119945780632def6620146117f05780633222012f146117ca578063375b3c0a146117ad5780633a4b66f1146116885780633ccfd60b1461145d5780634d900d95146113dd57806351d2297d146112885780635e47655f14610a6457806373f4256114610a37578063745400c91461091557806384db985c146108c95780638b0e9f3f1461089f5780638da5cb5b1461086c57806394739e8714610832578063ab807311146107f0578063cff0ab9614610774578063d0e30db0146106b0578063d587692e14610296578063d76bdba71461021a578063f2738d97146101825763f698da251461015c575f80fd5b3461017e575f60031936011261017e57602061017661246c565b604051908152f35b5f80fd5b3461017e57602060031936011261017e5773ffffffffffffffffffffffffffffffffffffffff6101b06120d3565b165f5260046020526101c460405f206121ed565b6bffffffffffffffffffffffff81511661021667ffffffffffffffff60406bffffffffffffffffffffffff60208601511694015116604051938493846040919493926060820195825260208201520152565b0390f35b3461017e57602060031936011261017e5773ffffffffffffffffffffffffffffffffffffffff6102486120d3565b165f5260056020526040805f20602082519161026383612147565b549167ffffffffffffffff6bffffffffffffffffffffffff84169384835260601c16918291015282519182526020820152f35b3461017e57604060031936011261017e5760043567ffffffffffffffff811161017e576102c7903690600401612119565b906079820491821590811561066a575b50610642576102e461246c565b5f5f915f93905f5b8681106103735750505073ffffffffffffffffffffffffffffffffffffffff165f5260036020526bffffffffffffffffffffffff8060405f209216166bffffffffffffffffffffffff19825416179055604051918252602082015233907fe0ecb67aeade448be9222cf6735d02379e767bc18410573312005e0168f7dda5604060243592a3005b823560601c601484013560601c602885013560801c91603886013595605881013596607960788301355f1a92019773ffffffffffffffffffffffffffffffffffffffff8a168085036105da575b5060426040517f1e34a5381a4079fbac7a0316530c99a1702c7bb06df7b07cd648b451f1fcd9db8152856020820152866040820152876060820152608081207f190100000000000000000000000000000000000000000000000000000000000082528a6002830152602282015220917f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082119384156105d1575b8415610577575b5050505061054b575f52600660205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f5260205260405f2080546fffffffffffffffffffffffffffffffff8116928381116104be575b505050506001016102ec565b836104c891612266565b90888211610543575b81156104b257816104e99160809b9a96959b1c612259565b906fffffffffffffffffffffffffffffffff821161051b57808060019603990199019060801b179055908880806104b2565b7f35278d12000000000000000000000000000000000000000000000000000000005f5260045ffd5b8891506104d1565b837f81c5c624000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b60209450915f9391608093604051938452868401526040830152606082015282805260015afa156105c6578073ffffffffffffffffffffffffffffffffffffffff5f511614158b808080610461565b6040513d5f823e3d90fd5b8515945061045a565b80919b929a5061060b575b50508197825f5260036020526bffffffffffffffffffffffff60405f205416998d6103c0565b5f5260036020526bffffffffffffffffffffffff8060405f209216166bffffffffffffffffffffffff198254161790558b806105e5565b7f86bdc25c000000000000000000000000000000000000000000000000000000005f5260045ffd5b60798402918483046079141715610683571415836102d7565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b5f60031936011261017e57341561074c57335f52600360205260405f206106e6346bffffffffffffffffffffffff835416612259565b6bffffffffffffffffffffffff811161051b576bffffffffffffffffffffffff809116166bffffffffffffffffffffffff198254161790556040513481527f2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c460203392a2005b7f1f2a2005000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461017e575f60031936011261017e5760e05f54604051906bffffffffffffffffffffffff811682526bffffffffffffffffffffffff8160601c16602083015261ffff8160c01c16604083015261ffff8160d01c16606083015261ffff81841c16608083015260ff8160f01c1660a083015260f81c60c0820152f35b3461017e57602060031936011261017e5773ffffffffffffffffffffffffffffffffffffffff61081e6120d3565b165f5260036020526101c460405f206121ed565b3461017e575f60031936011261017e5760206040517f1e34a5381a4079fbac7a0316530c99a1702c7bb06df7b07cd648b451f1fcd9db8152f35b3461017e575f60031936011261017e57602073ffffffffffffffffffffffffffffffffffffffff60015416604051908152f35b3461017e575f60031936011261017e5760206bffffffffffffffffffffffff5f5416604051908152f35b3461017e57606060031936011261017e5760443573ffffffffffffffffffffffffffffffffffffffff8116810361017e5761090b60209160243560043561230b565b6040519015158152f35b3461017e57602060031936011261017e57600435335f52600360205260405f206bffffffffffffffffffffffff815416808311610a075750816109e9576109b65f915b80547fffffffffffffffff00000000000000000000000000000000000000000000000060c085901b166bffffffffffffffffffffffff90911677ffffffffffffffffffffffff000000000000000000000000606087901b1617179055565b60405191825260208201527fd72eb5d043f24a0168ae744d5c44f9596fd673a26bf74d9646bff4b844882d1460403392a2005b6109b6610a0163ffffffff60015460a01c1642612259565b91610958565b90507f25c3f46e000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b3461017e575f60031936011261017e5760206bffffffffffffffffffffffff5f5460601c16604051908152f35b3461017e57602060031936011261017e5760043567ffffffffffffffff811161017e57610a95903690600401612119565b9060805260f181108015611252575b61122a577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f8101908111610683575f5460c05260ff60c05160f01c168060418304106111f85750610af361246c565b9060805135916020608051013560601c60e0526034608051013560601c9160686080510135916088608051013560c01c906042609060805101359487604051917f311aeac9cf3c7e9af891e67e461f65430bfaf15ab5a507a88a74d3e99a915b05835260208301948286525f604085019260e051845260608601908c82526048608051013560808801528060a08801528960c08801528b60e08801526101008720947f190100000000000000000000000000000000000000000000000000000000000088526002880196858852602289019687528989209a7fa29415ced4d74978ec3f5ddf579ff745b6419cd24a7963f37e232ac7391258938a5252525260808420927f1901000000000000000000000000000000000000000000000000000000000000855252522093865f528060205260405f209160e05115908115611165575b5061113d574383101561110957610100610c4f8443612266565b11159081611131575b506111095760e0515f52600460205260405f20928354946bffffffffffffffffffffffff86169384156110e1578660c01c90818111156110b35750506bffffffffffffffffffffffff60c0511692831561108657837fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff04905f945f60a0525f60a0527fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff915f5b604187048110610e52578c8c8c8c612710610d238e61ffff60c05160c01c1690612273565b0492612710610d3b61ffff60c05160d01c1686612273565b049182612710610d5461ffff60c05160e01c1688612273565b04938493610d6b85610d66848b612266565b612266565b905f52600360205260405f209360a0515f52600460205260405f209777ffffffffffffffffffffffffffffffffffffffffffffffff8a7fffffffffffffffff000000000000000000000000000000000000000000000000608860805101351692031617905560601b8760c05103015f55610e46575b5050610e37575b505060405190815273ffffffffffffffffffffffffffffffffffffffff60a0511660208201527f8655baa255f7064532e019128127c4504614ef96fc351c8f20348f8a612bb3af604060e05192a3005b60601b81540190558280610de7565b81540190558580610de0565b80604102604181048203610683578060f10160f1116106835760f15f91608051010160208101357f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a081111561104f575b505073ffffffffffffffffffffffffffffffffffffffff81169889156110235773ffffffffffffffffffffffffffffffffffffffff16891115610ff75760e05189148015610fee575b610fc2578098815f5260046020526bffffffffffffffffffffffff60405f20541690845f528260601b60205260345f20918015908115610f7e575b50610f4f5750858110610f3e575b5050600101610cfe565b60a091909152935060016041610f34565b837f6fc842cf000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b905086610f9060c05160f81c83612273565b109081610f9f575b505f610f26565b610fb99150610fb460c05160f81c918b612273565b612273565b8210155f610f98565b507ff7cb45a8000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b508c8914610eeb565b507f590a84f7000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b827fba33db27000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b602092505f91608091604051918b83526040810135851a86840152356040830152606082015282805260015afa505f518e80610ea2565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b7fbe1d06b2000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b7f38fbeb34000000000000000000000000000000000000000000000000000000005f5260045ffd5b7fb6bb21b9000000000000000000000000000000000000000000000000000000005f5260045ffd5b90508240141587610c58565b7f1dc9bc68000000000000000000000000000000000000000000000000000000005f5260045ffd5b6080515f925060d001357f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08111156111bc575b505073ffffffffffffffffffffffffffffffffffffffff60e0519116141588610c35565b602092505f9160809160405191825260f083510135841a8583015260b0835101356040830152606082015282805260015afa505f518880611198565b6041827fcfec780a000000000000000000000000000000000000000000000000000000005f520460045260245260445ffd5b7f57aa51ca000000000000000000000000000000000000000000000000000000005f5260045ffd5b507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f810181811161068357604190061515610aa4565b3461017e57602060031936011261017e5760043567ffffffffffffffff811161017e573660238201121561017e5780600401359067ffffffffffffffff821161017e573660248360051b8301011161017e57335f81815260046020526040812080547fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff811690915591939260609290921c6bffffffffffffffffffffffff1691905b8381101561139e5760248160051b830101359073ffffffffffffffffffffffffffffffffffffffff821680920361017e576001915f52600660205260405f20865f5260205260405f206fffffffffffffffffffffffffffffffff6113948254968760801c90612259565b951690550161132a565b82801561074c576113db906040518181527f48dc35af7b45e2a81fffad55f6e2fafacdb1d3d0d50d24ebdc16324f5ba757f160203392a2336123c4565b005b3461017e57604060031936011261017e576113f66120d3565b73ffffffffffffffffffffffffffffffffffffffff6114136120f6565b91165f52600660205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f5260205260206fffffffffffffffffffffffffffffffff60405f205416604051908152f35b3461017e575f60031936011261017e57335f52600360205261148160405f206121ed565b60208101906bffffffffffffffffffffffff825116156116605767ffffffffffffffff60408201511680421061163157506bffffffffffffffffffffffff806113db935116915116908181105f14611623576114e16115e191809361222f565b6bffffffffffffffffffffffff604051916114fb83612190565b16815267ffffffffffffffff602082015f81526115986bffffffffffffffffffffffff60408501925f8452335f526003602052818060405f20975116166bffffffffffffffffffffffff19875416178655511684907fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff77ffffffffffffffffffffffff00000000000000000000000083549260601b169116179055565b51825477ffffffffffffffffffffffffffffffffffffffffffffffff16911660c01b7fffffffffffffffff00000000000000000000000000000000000000000000000016179055565b6bffffffffffffffffffffffff6040519116908181527f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d560203392a2336123c4565b506115e16114e1828061222f565b7fe58369d1000000000000000000000000000000000000000000000000000000005f524260045260245260445ffd5b7fcffd93ac000000000000000000000000000000000000000000000000000000005f5260045ffd5b5f60031936011261017e57341561074c57335f52600460205260405f206116be346bffffffffffffffffffffffff835416612259565b6bffffffffffffffffffffffff811161051b5760025480821061177e57506bffffffffffffffffffffffff809116166bffffffffffffffffffffffff198254161790555f5461171b346bffffffffffffffffffffffff8316612259565b6bffffffffffffffffffffffff811161051b576bffffffffffffffffffffffff6bffffffffffffffffffffffff1991169116175f556040513481527f9e71bc8eea02a63969f509818f2dafb9254532904319f9dbda79b67bd34a5f3d60203392a2005b907f9be9d80a000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b3461017e575f60031936011261017e576020600254604051908152f35b3461017e575f60031936011261017e57602063ffffffff60015460c01c16604051908152f35b3461017e575f60031936011261017e57335f52600560205260405f206040519061181982612147565b546bffffffffffffffffffffffff811680835267ffffffffffffffff602084019260601c168252156116605767ffffffffffffffff90511690814210611964576113db90335f52600460205260405f206bffffffffffffffffffffffff808254169251168281105f1461195d57915b611892838261222f565b6bffffffffffffffffffffffff600254911610611955575b6118c1836bffffffffffffffffffffffff9261222f565b166bffffffffffffffffffffffff198254161790555f546bffffffffffffffffffffffff196bffffffffffffffffffffffff6118ff8482851661222f565b169116175f55335f5260056020525f60408120556bffffffffffffffffffffffff6040519116908181527f0f5bb82176feb1b5e747e28471aa92156a04d9f3ab9f45f28e2d704232b93f7560203392a2336123c4565b9150816118aa565b5081611888565b507fe58369d1000000000000000000000000000000000000000000000000000000005f524260045260245260445ffd5b3461017e5761010060031936011261017e5760043563ffffffff8116810361017e5760243563ffffffff8116810361017e57604435906064359261ffff84169283850361017e576084359061ffff82169182810361017e5760a4359361ffff85169586860361017e5760c4359760ff891691828a0361017e5760e4359160ff831680840361017e576001549473ffffffffffffffffffffffffffffffffffffffff86163303611d1a5761271083118015611d06575b8015611cfe575b8015611cf6575b8015611cee575b8015611cd9575b611cb1577eff0000000000000000000000000000000000000000000000000000000000009b7dffff000000000000000000000000000000000000000000000000000000009a7effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff9a7bffff0000000000000000000000000000000000000000000000000000997fff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff997fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff77ffffffff00000000000000000000000000000000000000007bffffffff00000000000000000000000000000000000000000000000060209b60c01b169360a01b1691161717600155600255611b80612286565b9460408601526060850152608084015260a083015260c08201526bffffffffffffffffffffffff8151166bffffffffffffffffffffffff195f5416175f5501517fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff77ffffffffffffffffffffffff000000000000000000000000805f549360601b16169116175f557fffff000000000000ffffffffffffffffffffffffffffffffffffffffffffffff79ffff0000000000000000000000000000000000000000000000007fff000000000000000000000000000000000000000000000000000000000000005f549360f81b169b60c01b16911617169160d01b1617169160e01b16179160f01b1617175f557fb5df613ac8191db28b2d6ba41847182281ae6442dc6ea91922dfa26d6ca70d1d5f80a1005b7f019af637000000000000000000000000000000000000000000000000000000005f5260045ffd5b506bffffffffffffffffffffffff8911611a65565b508815611a5e565b508115611a57565b508015611a50565b50612710611d148d8c612259565b11611a49565b7f30cd7471000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461017e57604060031936011261017e57611d5b6120d3565b73ffffffffffffffffffffffffffffffffffffffff611d786120f6565b91165f52600660205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f205460801c604051908152f35b3461017e57602060031936011261017e57600435335f5260046020526bffffffffffffffffffffffff60405f205416811561074c57808211611edb5750611e0563ffffffff60015460c01c1642612259565b604051611e1181612147565b6bffffffffffffffffffffffff831681526020810167ffffffffffffffff83168152335f5260056020526bffffffffffffffffffffffff8060405f20935116166bffffffffffffffffffffffff19835416178255517fffffffffffffffffffffffff0000000000000000ffffffffffffffffffffffff73ffffffffffffffff00000000000000000000000083549260601b16911617905560405191825260208201527f57e41df54512c76148b5ba9b643d149752b0d35e493b969bd017d0a3fe5228cf60403392a2005b7f45be0a26000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b3461017e57602060031936011261017e5773ffffffffffffffffffffffffffffffffffffffff611f376120d3565b165f526003602052611f4b60405f206121ed565b602081015190516bffffffffffffffffffffffff9182169116808210611f8757505060205f5b6bffffffffffffffffffffffff60405191168152f35b602091611f939161222f565b611f71565b3461017e57602060031936011261017e57611fb16120d3565b6001549073ffffffffffffffffffffffffffffffffffffffff82163303611d1a5773ffffffffffffffffffffffffffffffffffffffff16908115611cb1577fffffffffffffffffffffffff00000000000000000000000000000000000000001681176001557fa2ea9883a321a3e97b8266c2b078bfeec6d50c711ed71f874a90d500ae2eaf365f80a2005b3461017e575f60031936011261017e5760206040517fa29415ced4d74978ec3f5ddf579ff745b6419cd24a7963f37e232ac7391258938152f35b3461017e575f60031936011261017e5760206040517f311aeac9cf3c7e9af891e67e461f65430bfaf15ab5a507a88a74d3e99a915b058152f35b3461017e575f60031936011261017e5760209063ffffffff60015460a01c168152f35b6004359073ffffffffffffffffffffffffffffffffffffffff8216820361017e57565b6024359073ffffffffffffffffffffffffffffffffffffffff8216820361017e57565b9181601f8401121561017e5782359167ffffffffffffffff831161017e576020838186019501011161017e57565b6040810190811067ffffffffffffffff82111761216357604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b6060810190811067ffffffffffffffff82111761216357604052565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761216357604052565b906040516121fa81612190565b60408193546bffffffffffffffffffffffff811683526bffffffffffffffffffffffff8160601c16602084015260c01c910152565b906bffffffffffffffffffffffff809116911603906bffffffffffffffffffffffff821161068357565b9190820180921161068357565b9190820391821161068357565b8181029291811591840414171561068357565b6040519060e0820182811067ffffffffffffffff821117612163576040528160c05f546bffffffffffffffffffffffff811683526bffffffffffffffffffffffff8160601c16602084015261ffff81831c16604084015261ffff8160d01c16606084015261ffff8160e01c16608084015260ff8160f01c1660a084015260f81c910152565b919091612316612286565b906bffffffffffffffffffffffff8251169081156123bb576123b89460405190602082019283526040820152604081526123516060826121ac565b5190209173ffffffffffffffffffffffffffffffffffffffff84165f52600460205260ff60c06bffffffffffffffffffffffff60405f2054169201511693827fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff049361254f565b90565b50505050505f90565b5f80809373ffffffffffffffffffffffffffffffffffffffff8294165af13d15612467573d67ffffffffffffffff8111612163576040519061242e60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f84011601836121ac565b81525f60203d92013e5b1561243f57565b7f90b8ec18000000000000000000000000000000000000000000000000000000005f5260045ffd5b612438565b467f0000000000000000000000000000000000000000000000000000000000000000036124b7577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527fe286035aa448f89cc5eacf64cf23fc39dd9ff8c08087dc1447b0010f7a76f0a060408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a0815261254960c0826121ac565b51902090565b91909394928115612592576125648483612273565b10156125885761258493610fb4925f5260601b60205260345f2094612273565b1190565b5050505050600190565b5050505050505f9056",
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
	Provider common.Address
	TaskId   [32]byte
	Amount   *big.Int
	Verifier common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const SettlementSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (SettlementSlashed) ContractEventName() string {
	return SettlementSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(address indexed provider, bytes32 indexed taskId, uint256 amount, address verifier)
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
