package org.smoltcp4j.wire;

import java.util.Arrays;

/**
 * Byte vectors shared by the IPv6-family tests: packets crafted with scapy 2.x (the script is
 * quoted in each constant's comment), and small helpers.
 */
final class Ipv6Vectors {

    /** fe80::1, fe80::2 as in smoltcp's MOCK_IP_ADDR_1/2. */
    static final long LL = 0xfe80_0000_0000_0000L;

    /** IPv6(src=fe80::1,dst=ff02::1:ff00:2,hlim=255)/ICMPv6ND_NS(tgt=fe80::2)/ICMPv6NDOptSrcLLAddr(02:00:00:00:00:01). */
    static final String NS = "6000000000203afffe800000000000000000000000000001ff0200000000000000000001ff00000287007a9700000000"
            + "fe8000000000000000000000000000020101020000000001";
    /** ICMPv6ND_RA(chlim=64,O=1,routerlifetime=1800,reachabletime=30000,retranstimer=1000)/SrcLLAddr/MTU(1500)/
     *  PrefixInfo(64,L,A,86400,14400,2001:db8:1::)/RDNSS(600,[2001:db8::53,2001:db8::54]) from fe80::1 to ff02::1. */
    static final String RA = "6000000000683afffe800000000000000000000000000001ff02000000000000000000000000000186003ad940480708"
            + "00007530000003e8010102000000000105010000000005dc030440c000015180000038400000000020010db80001000000000000"
            + "00000000190500000000025820010db800000000000000000000005320010db8000000000000000000000054";
    /** ICMPv6ND_NA(S=1,O=1,tgt=fe80::2)/DstLLAddr(02:00:00:00:00:02) from fe80::2 to fe80::1. */
    static final String NA = "6000000000203afffe800000000000000000000000000002fe8000000000000000000000000000018800181a60000000"
            + "fe8000000000000000000000000000020201020000000002";
    /** ICMPv6ND_RS()/SrcLLAddr(02:00:00:00:00:01) from fe80::1 to ff02::2. */
    static final String RS = "6000000000103afffe800000000000000000000000000001ff02000000000000000000000000000285007a2c00000000"
            + "0101020000000001";
    /** ICMPv6ND_Redirect(tgt=fe80::3,dst=2001:db8::1)/DstLLAddr(02:00:00:00:00:03) from fe80::1 to fe80::2. */
    static final String REDIRECT = "6000000000303afffe800000000000000000000000000001fe8000000000000000000000000000028900494e00000000"
            + "fe80000000000000000000000000000320010db80000000000000000000000010201020000000003";
    /** HBH(RouterAlert(0),PadN)/ICMPv6MLReport2(records=[rec(4,ff02::fb), rec(1,ff05::1:3,[2001:db8::1,2001:db8::2])]). */
    static final String MLD_REPORT = "6000000000580001fe800000000000000000000000000001ff0200000000000000000000000000163a000502000001"
            + "008f0013590000000204000000ff0200000000000000000000000000fb01000002ff05000000000000000000000001000320010db8"
            + "00000000000000000000000120010db8000000000000000000000002";
    /** HBH(RouterAlert(0),PadN)/ICMPv6MLQuery2(mrd=10000,mladdr=ff02::fb,QRV=2,QQIC=125,sources=[2001:db8::9]). */
    static final String MLD_QUERY = "6000000000340001fe800000000000000000000000000001ff0200000000000000000000000000013a000502000001"
            + "00820028c527100000ff0200000000000000000000000000fb027d000120010db8000000000000000000000009";
    /** IPv6ExtHdrFragment(nh=17,offset=185,m=1,id=0xdeadbeef)/8 zero bytes. */
    static final String FRAGMENT = "6000000000102c40fe800000000000000000000000000001fe800000000000000000000000000002110005c9deadbeef"
            + "0000000000000000";
    /** IPv6ExtHdrRouting(nh=59,type=0,segleft=2,addresses=[2001:db8::1,2001:db8::2]). */
    static final String ROUTING0 = "6000000000282b40fe800000000000000000000000000001fe8000000000000000000000000000023b0400020000000020"
            + "010db800000000000000000000000120010db8000000000000000000000002";
    /** IPv6ExtHdrDestOpt(nh=59,options=[HBHOptUnknown(otype=0x3e,optdata=010203)]) (scapy pads with Pad1). */
    static final String DEST_OPTS = "6000000000083c40fe800000000000000000000000000001fe8000000000000000000000000000023b003e0301020300";
    /** ICMPv6EchoRequest(id=0x1234,seq=7,data=b'hello') from fe80::1 to fe80::2. */
    static final String PING = "60000000000d3a40fe800000000000000000000000000001fe80000000000000000000000000000280002ca61234000768656c6c6f";
    /** ICMPv6ParamProblem(code=1,ptr=40)/IPv6(nh=200,plen=8)/8 x 0xc8 from fe80::2 to fe80::1. */
    static final String PARAM_PROBLEM = "6000000000383a40fe800000000000000000000000000002fe8000000000000000000000000000010401b5ee00000028"
            + "600000000008c840fe800000000000000000000000000001fe800000000000000000000000000002c8c8c8c8c8c8c8c8";
    /** ICMPv6DestUnreach(code=4)/IPv6()/UDP(sport=1234,dport=53) from fe80::2 to fe80::1. */
    static final String DEST_UNREACHABLE = "6000000000383a40fe800000000000000000000000000002fe8000000000000000000000000000010104905500000000"
            + "6000000000081140fe800000000000000000000000000001fe80000000000000000000000000000204d200350008fdd2";

    private Ipv6Vectors() {
    }

    static byte[] hex(String text) {
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The bytes after the 40-byte IPv6 header of a scapy vector. */
    static byte[] afterIpv6(String text) {
        byte[] all = hex(text);
        return Arrays.copyOfRange(all, 40, all.length);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** A buffer pre-filled with 0xa5, like smoltcp's emit tests. */
    static byte[] filled(int length) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) 0xa5);
        return out;
    }

    /** Wraps an IPv6 packet (header included) in an Ethernet frame, for tshark. */
    static byte[] ethernet(byte[] ipv6) {
        byte[] frame = new byte[14 + ipv6.length];
        new EthernetRepr().setSource(0x0200_0000_0001L).setDestination(0x3333_0000_0001L).setEtherType(EtherType.IPV6)
                .emit(new EthernetFrame().wrap(frame, 0, frame.length));
        System.arraycopy(ipv6, 0, frame, 14, ipv6.length);
        return frame;
    }
}
