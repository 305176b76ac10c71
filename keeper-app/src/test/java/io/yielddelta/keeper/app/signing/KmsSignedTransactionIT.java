package io.yielddelta.keeper.app.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.app.chain.DevChainSettings;
import io.yielddelta.keeper.app.chain.InMemorySentTransactions;
import io.yielddelta.keeper.app.chain.TransactionManager;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.TestToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@ExtendWith(DevChainExtension.class)
class KmsSignedTransactionIT {

    @Test
    void aKmsSignedTransactionIsMinedAndItsRecoveredSenderIsTheKmsAddress(DevChain chain, UniswapV3Stack uniswap)
            throws Exception {
        ECKeyPair kmsKey = ECKeyPair.create(
                new BigInteger("7e57ab1e5eed", 16).shiftLeft(200).add(BigInteger.valueOf(99)));
        try (LocalKmsServer kms = new LocalKmsServer(Map.of("alias/keeper", kmsKey));
                KmsSigner signer = KmsSigner.connect(
                        "alias/keeper",
                        "us-east-1",
                        kms.endpoint(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "test-secret")))) {
            TestToken token = uniswap.deployToken("Vault Share", "VS", 18);
            new Transfer(chain.web3j(), chain.transactionManager(chain.account(0)))
                    .sendFunds(signer.address(), BigDecimal.ONE, Convert.Unit.ETHER)
                    .send();

            Function mint = new Function("mint", List.of(new Address(signer.address()), new Uint256(42)), List.of());
            String data = FunctionEncoder.encode(mint);
            SigningPolicy policy = new SigningPolicy(
                    Map.of(token.getContractAddress(), Set.of(data.substring(0, 10))), BigInteger.valueOf(300_000));
            TransactionManager manager = new TransactionManager(
                    chain.web3j(),
                    new TransactionSigner(signer, policy),
                    new InMemorySentTransactions(),
                    DevChainSettings.transactions());

            TransactionReceipt receipt = manager.execute(token.getContractAddress(), data);

            assertTrue(receipt.isStatusOK());
            assertEquals(signer.address(), receipt.getFrom());
            var mined = chain.web3j()
                    .ethGetTransactionByHash(receipt.getTransactionHash())
                    .send()
                    .getTransaction()
                    .orElseThrow();
            assertEquals(signer.address(), mined.getFrom());
            // Independently of the node: recover the sender from the signed bytes themselves.
            SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(
                    chain.call("eth_getRawTransactionByHash", String.class, receipt.getTransactionHash()));
            assertEquals(signer.address(), decoded.getFrom());
            assertEquals(
                    BigInteger.valueOf(42), token.balanceOf(signer.address()).send());
            assertTrue(kms.operations().contains("TrentService.Sign"));
        }
    }
}
