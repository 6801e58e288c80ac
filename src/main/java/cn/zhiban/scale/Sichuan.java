package cn.zhiban.scale;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * The places, parks and industries the generators draw from: the codes policy-data uses, plus their
 * neighbours. Weights are rough shares of registered enterprises (Chengdu dominates), not statistics.
 */
final class Sichuan {
    private Sichuan() {
    }

    static final Map<String, String> CITIES = table("""
            5101 成都市, 5103 自贡市, 5105 泸州市, 5106 德阳市, 5107 绵阳市, 5108 广元市, 5109 遂宁市, 5110 内江市,
            5111 乐山市, 5113 南充市, 5114 眉山市, 5115 宜宾市, 5116 广安市, 5117 达州市, 5119 巴中市, 5120 资阳市""");

    record Region(String code, String name, int weight) {
        String city() {
            return code.substring(0, 4);
        }

        /** "成都市武侯区", but "绵竹市": how a policy names the place (a county-level city goes by its own name). */
        String placeName() {
            return name.endsWith("市") ? name : CITIES.get(city()) + name;
        }
    }

    static final List<Region> REGIONS = rows("""
            510104 锦江区 40, 510105 青羊区 38, 510106 金牛区 42, 510107 武侯区 55, 510108 成华区 38, 510112 龙泉驿区 30,
            510113 青白江区 12, 510114 新都区 30, 510115 温江区 20, 510116 双流区 45, 510117 郫都区 25, 510118 新津区 10,
            510121 金堂县 8, 510129 大邑县 6, 510131 蒲江县 4, 510181 都江堰市 10, 510182 彭州市 8, 510183 邛崃市 6,
            510184 崇州市 7, 510185 简阳市 10,
            510302 自流井区 8, 510311 沿滩区 4, 510502 江阳区 9, 510504 龙马潭区 8, 510603 旌阳区 16, 510604 罗江区 4,
            510681 广汉市 8, 510682 什邡市 5, 510683 绵竹市 5, 510703 涪城区 18, 510704 游仙区 9, 510705 安州区 4,
            510722 三台县 5, 510781 江油市 6, 510802 利州区 5, 510824 苍溪县 3, 510903 船山区 8, 511002 市中区 5,
            511102 市中区 7, 511302 顺庆区 8, 511303 高坪区 5, 511325 西充县 3, 511402 东坡区 7, 511502 翠屏区 9,
            511602 广安区 5, 511622 武胜县 3, 511702 通川区 5, 511703 达川区 4, 511722 宣汉县 3, 511724 大竹县 3,
            511725 渠县 3, 511781 万源市 2, 511902 巴州区 4, 512002 雁江区 6, 512021 安岳县 3, 512022 乐至县 2""",
            f -> new Region(f[0], f[1], Integer.parseInt(f[2])));

    /** A park and the districts it lies in; {@code share} of those districts' enterprises are in it. */
    record Park(String id, String name, String city, List<String> districts, double share) {
    }

    static final List<Park> PARKS = List.of(
            new Park("CD-GXQ", "成都高新区", "5101", List.of("510107", "510116", "510117"), 0.25),
            new Park("DY-JKQ", "德阳经开区", "5106", List.of("510603"), 0.3),
            new Park("MY-KJC", "绵阳科技城新区", "5107", List.of("510703", "510704", "510705"), 0.25),
            new Park("ZY-GXQ", "资阳高新区", "5120", List.of("512002"), 0.3));

    /** A GB/T 4754-2017 class and the word a company name of that trade carries. */
    record Industry(String code, int weight, String word) {
    }

    static final List<Industry> INDUSTRIES = rows("""
            C1353 8 食品, C1391 6 粮油, C1431 8 食品, C1462 6 调味品, C1512 10 酒业, C1523 4 饮品, C1810 8 服饰,
            C2110 8 家具, C2319 6 印务, C2614 6 化工, C2621 4 化工, C2720 8 药业, C2740 8 制药, C2761 5 生物医药,
            C2929 10 塑胶, C3021 10 建材, C3120 3 钢铁, C3311 12 钢结构, C3360 6 表面处理, C3413 2 动力设备, C3441 5 泵业,
            C3443 5 阀门, C3511 5 重型机械, C3581 5 医疗设备, C3584 4 医疗器械, C3670 14 汽车零部件, C3714 4 轨道交通装备,
            C3744 3 航空科技, C3825 4 光伏科技, C3841 6 新能源, C3914 4 智能控制, C3922 4 通信设备, C3973 4 微电子,
            C3974 4 光电显示, C3976 5 光电科技, C3982 8 电子, C3985 4 电子材料, C4011 5 自动化, C4320 3 设备维修,
            F5126 8 农产品贸易, F5139 10 商贸, F5151 20 医药贸易, F5161 10 五金交电, F5169 12 建材贸易, F5175 8 电子贸易,
            F5176 8 贸易, F5177 8 科技贸易, F5193 12 供应链, F5212 30 超市, F5251 22 大药房, F5261 18 汽车销售服务,
            F5299 40 商行,
            E4710 30 建设工程, E4790 10 建筑工程, E4812 10 市政工程, E4813 8 路桥工程, E4910 8 机电安装工程, E5011 20 装饰工程,
            G5431 25 物流, G5432 6 运输, G5437 6 搬家服务, G5821 8 货运代理, G5920 8 仓储,
            H6110 10 酒店管理, H6121 5 酒店, H6210 40 餐饮管理,
            I6432 5 网络科技, I6511 8 软件, I6513 30 软件技术, I6520 5 芯片设计, I6531 15 信息技术, I6532 6 物联网科技,
            I6550 8 数据科技, I6572 4 数字科技, I6579 4 信息服务,
            L7212 10 投资管理, L7251 10 广告, L7262 6 人力资源, L7263 6 人力资源服务, L7269 6 劳务服务, L7291 10 企业管理咨询,
            M7320 15 技术研究院, M7484 8 工程设计, M7515 10 科技服务,
            A0141 6 农业, A0313 6 养殖, K7010 20 置业, N7721 5 环保科技, O8040 10 家政服务, P8391 6 职业培训,
            R9011 3 文化传媒, D4411 3 电力, D4416 3 新能源发电, D4610 2 水务, B0610 2 矿业""",
            f -> new Industry(f[0], Integer.parseInt(f[1]), f[2]));

    /** Two-character trade names (字号), combined in pairs. */
    static final String[] TRADE_NAMES = ("天府 蜀味 锦江 蓉城 金牛 华西 恒通 鑫源 瑞丰 宏达 川发 科创 博远 中科 德润 兴业 嘉禾 汇智 云帆 启明 "
            + "星辰 青城 峨眉 岷江 巴蜀 天和 众诚 同创 顺达 永盛 东方 西部 九洲 亿联 安泰 弘毅 明德 鼎盛 涪江 沱江").split(" ");

    static Region region(String code) {
        return REGIONS.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    /** A pick from a list with integer weights. */
    static final class Weighted<T> {
        private final List<T> items;
        private final int[] cumulative;

        Weighted(List<T> items, ToIntFunction<T> weight) {
            this.items = items;
            this.cumulative = new int[items.size()];
            int sum = 0;
            for (int i = 0; i < items.size(); i++) {
                sum += weight.applyAsInt(items.get(i));
                cumulative[i] = sum;
            }
        }

        T pick(SplittableRandom r) {
            int at = Arrays.binarySearch(cumulative, r.nextInt(cumulative[cumulative.length - 1]) + 1);
            return items.get(at >= 0 ? at : -at - 1);
        }
    }

    private static Map<String, String> table(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String[] f : fields(text)) {
            map.put(f[0], f[1]);
        }
        return map;
    }

    private static <T> List<T> rows(String text, java.util.function.Function<String[], T> row) {
        return fields(text).stream().map(row).toList();
    }

    private static List<String[]> fields(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.split("\\s+")).toList();
    }
}
