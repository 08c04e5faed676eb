import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Post } from '../../domain/directory/model.ts';
import { DynamoPostDirectory } from '../../functions/adapters/dynamodb/post-directory.ts';

/**
 * The union posts the local stack starts with: a few of Qingdao's legal-aid posts (names illustrative), so
 * transfers and partner-opened cases have somewhere to go. Their names and districts are in Chinese, as the
 * people who run the posts write them (`GET /posts` shows them; the ids stay ASCII, since they travel in
 * tokens, URLs and case numbers). An admin adds more with `PUT /posts/{postId}`.
 */
export const LOCAL_POSTS: readonly Omit<Post, 'updatedAt' | 'updatedBy'>[] = [
  // Shinan District
  { postId: 'QD-SN-01', name: '市南区职工法律援助工作站', district: '市南区' },
  // Laoshan District
  { postId: 'QD-LS-02', name: '崂山区职工法律援助工作站', district: '崂山区' },
  // Shibei District
  { postId: 'QD-SB-03', name: '市北区职工法律援助工作站', district: '市北区' },
  // West Coast New Area (Huangdao District): the joint mediation workstation at the arbitration institute
  { postId: 'QD-HD-04', name: '西海岸新区劳动人事争议联合调解工作站（仲裁院）', district: '黄岛区' },
  // Licang District: for workers in new forms of employment (delivery riders, ride-hailing drivers)
  { postId: 'QD-LC-05', name: '李沧区新就业形态劳动者法律援助工作站', district: '李沧区' },
];

export async function seedPosts(client: DynamoDBClient, tableName: string): Promise<void> {
  const posts = new DynamoPostDirectory(DynamoDBDocumentClient.from(client), tableName, null);
  const now = new Date().toISOString();
  for (const post of LOCAL_POSTS) {
    if (!(await posts.get(post.postId)))
      await posts.put({ ...post, updatedAt: now, updatedBy: 'local-seed' });
  }
}
